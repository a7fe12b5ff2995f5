/* queue.c: the work queue.  Nodes are allocated per push and freed per pop:
 * the pool's jobs are coarse, and a fixed ring would need a policy for a
 * full queue that the pool does not want. */
#include "queue.h"

#include <stdlib.h>

struct queue_node {
    struct queue_node *next;
    struct queue_job job;
};

int queue_init(struct queue *queue)
{
    *queue = (struct queue){.head = NULL};
    int status = pthread_mutex_init(&queue->lock, NULL);
    if (status != 0)
        return status;
    status = pthread_cond_init(&queue->nonempty, NULL);
    if (status != 0)
        pthread_mutex_destroy(&queue->lock);
    return status;
}

size_t queue_destroy(struct queue *queue)
{
    size_t dropped = 0;
    while (queue->head != NULL) {
        struct queue_node *node = queue->head;
        queue->head = node->next;
        free(node);
        dropped++;
    }
    pthread_cond_destroy(&queue->nonempty);
    pthread_mutex_destroy(&queue->lock);
    return dropped;
}

bool queue_push(struct queue *queue, struct queue_job job)
{
    struct queue_node *node = malloc(sizeof *node);
    if (node == NULL)
        return false;
    *node = (struct queue_node){.next = NULL, .job = job};

    pthread_mutex_lock(&queue->lock);
    if (queue->closed) {
        pthread_mutex_unlock(&queue->lock);
        free(node);
        return false;
    }
    if (queue->tail != NULL)
        queue->tail->next = node;
    else
        queue->head = node;
    queue->tail = node;
    queue->length++;
    queue->pushed++;
    if (queue->length > queue->peak_length)
        queue->peak_length = queue->length;
    pthread_cond_signal(&queue->nonempty);
    pthread_mutex_unlock(&queue->lock);
    return true;
}

bool queue_pop(struct queue *queue, struct queue_job *job)
{
    pthread_mutex_lock(&queue->lock);
    while (queue->head == NULL && !queue->closed)
        pthread_cond_wait(&queue->nonempty, &queue->lock);
    if (queue->closed) {
        pthread_mutex_unlock(&queue->lock);
        return false;
    }
    struct queue_node *node = queue->head;
    queue->head = node->next;
    if (queue->head == NULL)
        queue->tail = NULL;
    queue->length--;
    pthread_mutex_unlock(&queue->lock);

    *job = node->job;
    free(node);
    return true;
}

void queue_close(struct queue *queue)
{
    pthread_mutex_lock(&queue->lock);
    queue->closed = true;
    pthread_cond_broadcast(&queue->nonempty);
    pthread_mutex_unlock(&queue->lock);
}

size_t queue_length(struct queue *queue)
{
#if POOL_MUTANT_UNLOCKED_LENGTH
    /* The mutation: "reading one word needs no lock". */
    return queue->length;
#else
    pthread_mutex_lock(&queue->lock);
    size_t length = queue->length;
    pthread_mutex_unlock(&queue->lock);
    return length;
#endif
}

size_t queue_pushed(struct queue *queue)
{
    pthread_mutex_lock(&queue->lock);
    size_t pushed = queue->pushed;
    pthread_mutex_unlock(&queue->lock);
    return pushed;
}
