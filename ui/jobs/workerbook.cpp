#include "jobs/workerbook.h"

#include <algorithm>
#include <cerrno>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace bd::ui {

void yieldToWindow() {
#ifdef __linux__
    thread_local const bool lowered = [] {
        const auto self = static_cast<id_t>(gettid());
        errno = 0;
        const int now = getpriority(PRIO_PROCESS, self);
        // A failure leaves the thread as it was: it only runs sooner than it might.
        return errno == 0 && setpriority(PRIO_PROCESS, self, std::min(now + 10, 19)) == 0;
    }();
    (void)lowered;
#endif
}

} // namespace bd::ui
