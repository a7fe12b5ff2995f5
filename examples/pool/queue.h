/* queue.h: the pool's work queue, a FIFO of jobs behind one mutex.
 *
 * Workers block in queue_pop until a job arrives or the queue is closed.
 * Every field is read and written holding the queue's lock; the counters
 * are there for pool_stats. */
#ifndef POOL_QUEUE_H
#define POOL_QUEUE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct queue_job {
    void (*run)(void *argument);
    void *argument;
};

struct queue_node;

struct queue {
    pthread_mutex_t lock;
    pthread_cond_t nonempty; /* signalled on push, broadcast on close */
    struct queue_node *head;
    struct queue_node *tail;
    size_t length;      /* jobs waiting now */
    size_t pushed;      /* jobs ever pushed */
    size_t peak_length; /* the longest the queue has been */
    bool closed;
};

int queue_init(struct queue *queue);
/* Frees the jobs still waiting; returns how many there were. */
size_t queue_destroy(struct queue *queue);
/* false when the queue is closed or out of memory. */
bool queue_push(struct queue *queue, struct queue_job job);
/* Blocks until a job is there (true) or the queue is closed (false). */
bool queue_pop(struct queue *queue, struct queue_job *job);
/* Wakes every blocked queue_pop; later pushes fail. */
void queue_close(struct queue *queue);
size_t queue_length(struct queue *queue);
size_t queue_pushed(struct queue *queue);

#endif
