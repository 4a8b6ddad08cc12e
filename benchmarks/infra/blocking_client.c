// The leanest client there is, as a reference beside wrk in benchmarks/infra/run.sh: one
// keep-alive connection, GET / in a loop for SECONDS, each latency timed around a blocking write
// and blocking reads (no event loop), every latency kept and sorted. Prints one line:
//   requests_per_second p50_ms p90_ms p99_ms
// Not part of mlops: a measuring tool, compiled by the benchmark when gcc is there.
// Usage: blocking_client PORT SECONDS
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    long x = *(const long *) a, y = *(const long *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s PORT SECONDS\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    long seconds = atol(argv[2]);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (connect(fd, (struct sockaddr *) &address, sizeof address) != 0) {
        perror("connect");
        return 1;
    }
    char request[128];
    int request_length = snprintf(request, sizeof request, "GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n", port);
    long capacity = 50000000, n = 0;
    long *latencies = malloc(capacity * sizeof(long));
    char buffer[4096];
    long start = now_ns(), end = start + seconds * 1000000000L;
    while (n < capacity && now_ns() < end) {
        long t0 = now_ns();
        if (write(fd, request, request_length) != request_length) {
            perror("write");
            return 1;
        }
        int got = 0;
        for (;;) {
            int r = read(fd, buffer + got, sizeof buffer - 1 - got);
            if (r <= 0) {
                fprintf(stderr, "the server closed the connection\n");
                return 1;
            }
            got += r;
            buffer[got] = 0;
            char *body = strstr(buffer, "\r\n\r\n");
            if (body != NULL) {
                char *length = strcasestr(buffer, "Content-Length:");
                if (got >= (body - buffer) + 4 + (length != NULL ? atoi(length + 15) : 0)) {
                    break;
                }
            }
        }
        latencies[n++] = now_ns() - t0;
    }
    double elapsed = (now_ns() - start) / 1e9;
    qsort(latencies, n, sizeof(long), by_value);
    printf("%.0f %.3f %.3f %.3f\n", n / elapsed, latencies[n * 50 / 100] / 1e6, latencies[n * 90 / 100] / 1e6,
           latencies[n * 99 / 100] / 1e6);
    return 0;
}
