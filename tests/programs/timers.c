/* timers — the timer calls a daemon uses, with every signal taken synchronously (blocked, then
 * sigwaitinfo/sigtimedwait) so the program's path does not depend on when a timer fires: a
 * POSIX timer (SIGEV_SIGNAL with a value, periodic, timer_gettime, timer_getoverrun, delete),
 * setitimer(ITIMER_REAL) and getitimer, alarm, clock_nanosleep with TIMER_ABSTIME, nanosleep,
 * a one-shot timerfd, clock_getres, and a sigtimedwait that times out. Prints only what does
 * not depend on timing. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static struct timespec ms(long n)
{
	return (struct timespec){ n / 1000, (n % 1000) * 1000000 };
}

int main(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, NULL);

	/* A periodic POSIX timer: three expirations, each a queued SIGRTMIN with our value. */
	timer_t t;
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN, .sigev_value.sival_int = 42 };
	if (timer_create(CLOCK_MONOTONIC, &sev, &t)) {
		perror("timer_create");
		return 1;
	}
	struct itimerspec its = { .it_interval = ms(20), .it_value = ms(20) };
	timer_settime(t, 0, &its, NULL);
	struct itimerspec cur;
	timer_gettime(t, &cur);
	printf("timer armed: interval %ld ms, remaining <= 20 ms: %s\n", cur.it_interval.tv_nsec / 1000000,
	       cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 20000000 ? "yes" : "no");
	for (int i = 0; i < 3; i++) {
		siginfo_t si;
		int sig = sigwaitinfo(&set, &si);
		printf("expiry %d: %s value %d code %s\n", i + 1, sig == SIGRTMIN ? "SIGRTMIN" : "other", si.si_value.sival_int,
		       si.si_code == SI_TIMER ? "SI_TIMER" : "?");
	}
	printf("overrun is a count: %s\n", timer_getoverrun(t) >= 0 ? "yes" : "no");
	timer_delete(t);
	printf("deleted timer: %s\n", timer_gettime(t, &cur) < 0 && errno == EINVAL ? "EINVAL" : "still there");

	/* setitimer / getitimer / alarm. */
	struct itimerval iv = { .it_value = { 0, 30000 } }, old;
	setitimer(ITIMER_REAL, &iv, NULL);
	getitimer(ITIMER_REAL, &old);
	printf("itimer pending: %s\n", old.it_value.tv_sec == 0 && old.it_value.tv_usec <= 30000 ? "yes" : "no");
	printf("SIGALRM from itimer: %s\n", sigwaitinfo(&set, NULL) == SIGALRM ? "yes" : "no");
	getitimer(ITIMER_REAL, &old);
	printf("itimer after firing: %ld.%06ld\n", (long)old.it_value.tv_sec, (long)old.it_value.tv_usec);
	unsigned first = alarm(5), left = alarm(0);
	printf("alarm(5) returns %u, alarm(0) returns %u\n", first, left);

	/* Sleeping: relative, absolute, and a wait that times out. */
	struct timespec before, after, deadline;
	clock_gettime(CLOCK_MONOTONIC, &before);
	nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	deadline = before;
	deadline.tv_nsec += 40000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
	clock_gettime(CLOCK_MONOTONIC, &after);
	long elapsed = (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
	printf("clock_nanosleep: %d, at least 40 ms passed: %s\n", r, elapsed >= 40 ? "yes" : "no");
	struct timespec tmo = ms(15);
	printf("sigtimedwait with nothing pending: %s\n", sigtimedwait(&set, NULL, &tmo) < 0 && errno == EAGAIN ? "EAGAIN" : "?");

	/* A one-shot timerfd. */
	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	struct itimerspec one = { .it_value = ms(10) };
	timerfd_settime(tfd, 0, &one, NULL);
	unsigned long long exp = 0;
	read(tfd, &exp, sizeof exp);
	printf("timerfd expirations: %llu\n", exp);
	close(tfd);

	struct timespec res;
	clock_getres(CLOCK_MONOTONIC, &res);
	printf("monotonic resolution: %ld ns\n", res.tv_nsec);
	clock_getres(CLOCK_REALTIME_COARSE, &res);
	printf("coarse resolution is milliseconds: %s\n", res.tv_nsec >= 1000000 ? "yes" : "no");
	return 0;
}
