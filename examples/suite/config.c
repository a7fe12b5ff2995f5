/* config FILE [reload]: reads "level N" from FILE (relative to the working
 * directory), then two readers print the level.  With reload, a third
 * thread reads FILE again into the same settings while they read: racy. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct settings {
    int level;
};

static struct settings current;
static const char *path;

static int load(struct settings *into)
{
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return -1;
    int level = 0;
    int read = fscanf(file, "level %d", &level);
    fclose(file);
    if (read != 1)
        return -1;
    into->level = level;
    return 0;
}

static void *reader(void *unused)
{
    (void)unused;
    int level = current.level;
    printf("config: reader sees level %d\n", level);
    return NULL;
}

static void *reloader(void *unused)
{
    (void)unused;
    load(&current);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "reload") != 0)) {
        fprintf(stderr, "usage: config FILE [reload]\n");
        return 2;
    }
    path = argv[1];
    if (load(&current) != 0) {
        fprintf(stderr, "config: cannot read %s from the working directory\n", path);
        return 1;
    }
    pthread_t threads[3];
    int count = argc == 3 ? 3 : 2;
    pthread_create(&threads[0], NULL, reader, NULL);
    pthread_create(&threads[1], NULL, reader, NULL);
    if (count == 3)
        pthread_create(&threads[2], NULL, reloader, NULL);
    for (int t = 0; t < count; t++)
        pthread_join(threads[t], NULL);
    printf("config: level %d\n", current.level);
    return 0;
}
