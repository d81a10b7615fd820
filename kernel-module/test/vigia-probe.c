// SPDX-License-Identifier: GPL-2.0
/*
 * vigia-probe: the guest side of the QEMU test and benchmark, built with
 * gcc -static so the initramfs needs nothing but busybox and this.
 *
 *   vigia-probe init SCRIPT          PID 1: run SCRIPT, reap orphans, power off
 *   vigia-probe spawn N [-c CGDIR] [-u UID] [-t THREADS] [-b MS] NAME...
 *                                    N sleeping children named NAME... in turn,
 *                                    moved into cgroup CGDIR, running as UID,
 *                                    with THREADS threads (one exits) each
 *                                    burning MS ms of CPU; stays to reap them,
 *                                    they die with it
 *   vigia-probe churn SECONDS NAME...  fork short-lived children for SECONDS
 *   vigia-probe zombie               leave one unreaped child (state Z)
 *   vigia-probe snap DIR CPU RAM     read /proc/CPU, /proc/RAM, /proc/meminfo,
 *                                    /proc/stat and every /proc/PID/{stat,
 *                                    status,statm,cgroup} into DIR, one process
 *   vigia-probe bench CPU REPS       time /proc/CPU against /proc/PID/stat
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* Whole file into a malloc'd buffer; reads of @chunk bytes. */
static char *slurp(const char *path, size_t chunk, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	for (;;) {
		if (cap - n < chunk) {
			cap = cap * 2 + chunk;
			buf = realloc(buf, cap);
			if (!buf)
				die("realloc");
		}
		r = read(fd, buf + n, chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += r;
	}
	close(fd);
	*len = n;
	return buf;
}

static void put_file(const char *dir, const char *name, const char *buf,
		     size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f))
		die(path);
}

static void copy_file(const char *dir, const char *name, const char *src)
{
	size_t len;
	char *buf = slurp(src, 65536, &len);

	if (!buf)
		die(src);
	put_file(dir, name, buf, len);
	free(buf);
}

static int is_pid(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int cmd_snap(const char *dir, const char *cpu, const char *ram)
{
	static const char *const files[] = { "stat", "status", "statm", "cgroup" };
	char path[4096], self[32];
	FILE *out;
	DIR *d;
	struct dirent *e;
	size_t i, len;
	char *buf;

	snprintf(path, sizeof(path), "/proc/%s", ram);
	copy_file(dir, "vigia_ram.json", path);
	copy_file(dir, "meminfo.txt", "/proc/meminfo");
	snprintf(path, sizeof(path), "/proc/%s", cpu);
	copy_file(dir, "vigia_cpu.json", path);
	copy_file(dir, "stat.txt", "/proc/stat");

	snprintf(path, sizeof(path), "%s/procs.bin", dir);
	out = fopen(path, "w");
	if (!out)
		die(path);
	d = opendir("/proc");
	if (!d)
		die("/proc");
	while ((e = readdir(d))) {
		if (!is_pid(e->d_name))
			continue;
		for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			snprintf(path, sizeof(path), "/proc/%s/%s", e->d_name, files[i]);
			buf = slurp(path, 65536, &len);
			if (!buf)
				continue;	/* exited meanwhile */
			fprintf(out, "%s %s %zu\n", e->d_name, files[i], len);
			fwrite(buf, 1, len, out);
			fputc('\n', out);
			free(buf);
		}
	}
	closedir(d);
	if (fclose(out))
		die("procs.bin");
	snprintf(self, sizeof(self), "%d\n", getpid());
	put_file(dir, "self.txt", self, strlen(self));
	return 0;
}

static void set_name(const char *name)
{
	if (prctl(PR_SET_NAME, name))
		die("PR_SET_NAME");
}

static void burn(long ms)
{
	double end;
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	end = ts.tv_sec + ts.tv_nsec / 1e9 + ms / 1e3;
	do
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	while (ts.tv_sec + ts.tv_nsec / 1e9 < end);
}

static long burn_ms;

static void *thread_main(void *stay)
{
	burn(burn_ms);
	if (stay)
		for (;;)
			pause();
	return NULL;
}

/* Child of spawn: optionally threads (one of which exits) burning CPU. */
static void spawn_threads(int threads)
{
	pthread_t gone, t;
	int i;

	if (threads < 2)
		return;
	/* One thread exits (its time stays in the group's), the rest stay. */
	if (pthread_create(&gone, NULL, thread_main, NULL))
		die("pthread_create");
	pthread_join(gone, NULL);
	for (i = 1; i < threads; i++)
		if (pthread_create(&t, NULL, thread_main, (void *)1))
			die("pthread_create");
}

static int cmd_spawn(int argc, char **argv)
{
	long n = atol(argv[0]), i;
	const char *cg = NULL;
	char path[4096], pid[32];
	int names, fd, opt, threads = 1;
	uid_t uid = 0;

	optind = 1;
	while ((opt = getopt(argc, argv, "+c:u:t:b:")) != -1) {
		switch (opt) {
		case 'c': cg = optarg; break;
		case 'u': uid = atoi(optarg); break;
		case 't': threads = atoi(optarg); break;
		case 'b': burn_ms = atol(optarg); break;
		default: exit(2);
		}
	}
	argv += optind;
	names = argc - optind;
	for (i = 0; i < n; i++) {
		pid_t p = fork();

		if (p < 0)
			die("fork");
		if (p)
			continue;
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(0);
		if (cg) {
			snprintf(path, sizeof(path), "%s/cgroup.procs", cg);
			fd = open(path, O_WRONLY);
			snprintf(pid, sizeof(pid), "%d", getpid());
			if (fd < 0 || write(fd, pid, strlen(pid)) < 0)
				die(path);
			close(fd);
		}
		if (names)
			set_name(argv[i % names]);
		if (uid && setresuid(uid, uid, uid))
			die("setresuid");
		burn(burn_ms);
		spawn_threads(threads);
		for (;;)
			pause();
	}
	for (;;)
		if (wait(NULL) < 0 && errno == ECHILD)
			pause();
}

static int cmd_churn(int argc, char **argv)
{
	time_t end = time(NULL) + atoi(argv[0]);
	long i = 0;

	while (time(NULL) < end) {
		pid_t p = fork();

		if (p == 0) {
			if (argc > 1)
				set_name(argv[1 + i % (argc - 1)]);
			usleep(1000 * (i % 20));
			_exit(0);
		}
		i++;
		while (waitpid(-1, NULL, p < 0 ? 0 : WNOHANG) > 0)
			;
		if (i % 8 == 0)
			while (waitpid(-1, NULL, 0) > 0)
				;
	}
	while (wait(NULL) > 0)
		;
	return 0;
}

static int cmd_zombie(void)
{
	if (fork() == 0)
		_exit(0);
	for (;;)
		pause();
}

static int cmd_init(const char *script)
{
	pid_t sh = fork(), p;
	int status;

	if (sh < 0)
		die("fork");
	if (sh == 0) {
		execl("/bin/sh", "sh", script, (char *)NULL);
		die("exec");
	}
	for (;;) {
		p = wait(&status);
		if (p == sh || (p < 0 && errno == ECHILD))
			break;
	}
	sync();
	reboot(RB_POWER_OFF);
	return 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* What the agent does without the module: readdir /proc, read every stat. */
static size_t read_all_stat(const char *const *names, int nnames)
{
	char path[512], buf[4096];
	size_t total = 0, procs = 0;
	struct dirent *e;
	DIR *d = opendir("/proc");
	ssize_t r;
	int i, fd;

	if (!d)
		die("/proc");
	while ((e = readdir(d))) {
		if (!is_pid(e->d_name))
			continue;
		procs++;
		for (i = 0; i < nnames; i++) {
			snprintf(path, sizeof(path), "/proc/%s/%s", e->d_name, names[i]);
			fd = open(path, O_RDONLY);
			if (fd < 0)
				continue;
			while ((r = read(fd, buf, sizeof(buf))) > 0)
				total += r;
			close(fd);
		}
	}
	closedir(d);
	return total ? procs : 0;
}

static int cmd_bench(const char *cpu, int reps)
{
	static const char *const stat_only[] = { "stat" };
	static const char *const same_data[] = { "stat", "status", "cgroup" };
	double *a = calloc(reps, sizeof(double)), *b = calloc(reps, sizeof(double));
	double *c = calloc(reps, sizeof(double)), t;
	char path[4096];
	size_t len = 0, procs = 0;
	char *buf;
	int i;

	snprintf(path, sizeof(path), "/proc/%s", cpu);
	for (i = 0; i < reps; i++) {
		t = now();
		buf = slurp(path, 65536, &len);
		a[i] = now() - t;
		free(buf);
		t = now();
		procs = read_all_stat(stat_only, 1);
		b[i] = now() - t;
		t = now();
		read_all_stat(same_data, 3);
		c[i] = now() - t;
	}
	qsort(a, reps, sizeof(double), cmp_double);
	qsort(b, reps, sizeof(double), cmp_double);
	qsort(c, reps, sizeof(double), cmp_double);
	printf("procs=%zu module_bytes=%zu reps=%d\n", procs, len, reps);
	printf("module_median_ms=%.3f module_min_ms=%.3f module_max_ms=%.3f\n",
	       a[reps / 2] * 1e3, a[0] * 1e3, a[reps - 1] * 1e3);
	printf("stat_median_ms=%.3f stat_min_ms=%.3f stat_max_ms=%.3f\n",
	       b[reps / 2] * 1e3, b[0] * 1e3, b[reps - 1] * 1e3);
	printf("stat_status_cgroup_median_ms=%.3f min_ms=%.3f max_ms=%.3f\n",
	       c[reps / 2] * 1e3, c[0] * 1e3, c[reps - 1] * 1e3);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "init"))
		return cmd_init(argv[2]);
	if (argc >= 3 && !strcmp(argv[1], "spawn"))
		return cmd_spawn(argc - 2, argv + 2);
	if (argc >= 3 && !strcmp(argv[1], "churn"))
		return cmd_churn(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "zombie"))
		return cmd_zombie();
	if (argc >= 5 && !strcmp(argv[1], "snap"))
		return cmd_snap(argv[2], argv[3], argv[4]);
	if (argc >= 4 && !strcmp(argv[1], "bench"))
		return cmd_bench(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: see the comment at the top of vigia-probe.c\n");
	return 2;
}
