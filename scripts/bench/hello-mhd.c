/* The ceiling for `make bench`: the smallest libmicrohttpd server, with the thread model of
 * `ecluse serve` (an internal polling thread with epoll, a pool of 2 threads). It answers
 * "hello" on the second call of the access handler, as Ecluse does: an answer queued on the
 * first call makes the library close the connection. Usage: hello-mhd PORT */
#include <microhttpd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stopping = 0;

static void stop(int signal_number) {
    (void)signal_number;
    stopping = 1;
}

static enum MHD_Result answer(void *closure, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **request_state) {
    static int seen;
    (void)closure, (void)url, (void)method, (void)version, (void)upload_data, (void)upload_data_size;
    if (*request_state == NULL) {
        *request_state = &seen;
        return MHD_YES;
    }
    static const char body[] = "hello\n";
    struct MHD_Response *response =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(response, "Content-Type", "text/plain");
    enum MHD_Result queued = MHD_queue_response(connection, MHD_HTTP_OK, response);
    MHD_destroy_response(response);
    return queued;
}

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)atoi(argv[1]), NULL, NULL, answer, NULL,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)2, MHD_OPTION_END);
    if (daemon == NULL) return 1;
    while (!stopping) usleep(100000);
    MHD_stop_daemon(daemon);
    return 0;
}
