// SPDX-License-Identifier: GPL-2.0
/*
 * vigia_cpu: CPU times, process counts by state and the process list of the
 * host as one JSON object in /proc/vigia_cpu (schema in README.md).
 *
 * Iteration and locking
 * ---------------------
 * The file is a seq_file whose records are: a header (CPU times and counts),
 * one record per process (thread-group leader) in pid order, and a footer
 * that closes the JSON. The seq_file position encodes where we are:
 *
 *   0                     header
 *   tgid + 1              the process with that tgid (1 .. PID_MAX_LIMIT)
 *   VIGIA_POS_FOOTER      footer
 *
 * so a read() that stops half way resumes, on the next read(), at the first
 * process whose tgid is >= the saved one, whatever exited or started in
 * between: the same walk /proc's own readdir does (find_ge_pid()). start()
 * and next() look up the task under rcu_read_lock() and take a reference
 * with get_task_struct(); that reference, not RCU, keeps the task alive
 * while show() formats it, and stop()/next() drop it. No task reference or
 * lock is held between two read() calls.
 *
 * show() runs in process context, outside RCU, and takes:
 *   - task_lock(task) to read ->comm and ->mm (the mm cannot be freed or
 *     replaced by exec while alloc_lock is held; get_mm_rss() and total_vm
 *     are plain counters, so no mmget()/mmput(), which may sleep);
 *   - rcu_read_lock() for ->real_parent, the credentials (task_euid()),
 *     the thread list (for_each_thread()) and the task's css_set, with
 *     signal->stats_lock read as a seqlock (as thread_group_cputime() does)
 *     so that a thread exiting during the sum is counted exactly once;
 *   - kernfs_rename_lock (a spinlock, inside kernfs_path()) for the cgroup
 *     path. Cgroups and their kernfs nodes are freed only after an RCU
 *     grace period, so the css_set's cgroup stays valid under RCU.
 *     task_cgroup_path() and cgroup_path_ns() are not used: they take
 *     cgroup_mutex, which may sleep and is not needed for a path.
 * Nothing in these sections sleeps.
 *
 * The header counts processes with for_each_process() under RCU only.
 *
 * A JSON comma goes before every process record but the first. Whether a
 * process record was already emitted cannot be derived from the position
 * (tasks come and go), so the iterator remembers it: seq_file calls next()
 * on a record only once that record's output is kept in the buffer, so
 * next() sets ->task_shown, and a record that overflowed the buffer and is
 * shown again starts the same way. A read from position 0 (also lseek())
 * clears it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/init.h>
#include <linux/kernel_stat.h>
#include <linux/ktime.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/seqlock.h>
#include <linux/slab.h>
#include <linux/threads.h>
#include <linux/tick.h>
#include <linux/uidgid.h>

#include "vigia_proc.h"

static char *proc_name = "vigia_cpu";
module_param(proc_name, charp, 0444);
MODULE_PARM_DESC(proc_name, "name of the entry under /proc (default vigia_cpu)");

#define VIGIA_POS_FOOTER ((loff_t)PID_MAX_LIMIT + 1)

static const char vigia_footer_token;
#define VIGIA_FOOTER ((void *)&vigia_footer_token)

struct vigia_cpu_iter {
	struct pid_namespace *ns;	/* the opener's, as /proc shows pids */
	bool task_shown;		/* a process record was emitted */
	pid_t tgid;			/* of the task start()/next() returned */
	char path[PATH_MAX];		/* cgroup path buffer for show() */
};

static struct proc_dir_entry *vigia_cpu_entry;

/* ---------------------------------------------------------------- JSON */

/*
 * Write @len bytes of @s as a JSON string. '"', '\\' and control characters
 * (< 0x20, and 0x7f) are escaped; well-formed UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF) is copied as is; every
 * maximal ill-formed subsequence (Unicode ch. 3, "U+FFFD substitution of
 * maximal subparts", as Python and WHATWG decode) becomes "\ufffd".
 */
static const char json_short_escape[0x20] = {
	['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't',
};

static void seq_json_string(struct seq_file *m, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	seq_putc(m, '"');
	while (i < len) {
		unsigned char c = p[i];
		unsigned char lo = 0x80, hi = 0xbf;
		size_t need, k;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			i++;
			run++;
			continue;
		}
		if (run) {
			seq_write(m, p + i - run, run);
			run = 0;
		}
		if (c < 0x80) {
			if (c == '"' || c == '\\')
				seq_printf(m, "\\%c", c);
			else if (c < 0x20 && json_short_escape[c])
				seq_printf(m, "\\%c", json_short_escape[c]);
			else
				seq_printf(m, "\\u%04x", c);
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else {
			seq_puts(m, "\\ufffd");
			i++;
			continue;
		}
		for (k = 1; k <= need; k++) {
			if (i + k >= len || p[i + k] < lo || p[i + k] > hi)
				break;
			lo = 0x80;
			hi = 0xbf;
		}
		if (k <= need) {
			seq_puts(m, "\\ufffd");
			i += k;
			continue;
		}
		seq_write(m, p + i, need + 1);
		i += need + 1;
	}
	if (run)
		seq_write(m, p + i - run, run);
	seq_putc(m, '"');
}

/* ---------------------------------------------------------------- header */

static const char * const vigia_cpu_fields[] = {
	"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal",
	"guest", "guest_nice",
};

/* The ten values of one "cpu" line of /proc/stat, in nanoseconds. */
static void vigia_cpu_times(int cpu, u64 t[10])
{
	struct kernel_cpustat kcs;
	u64 us;

	kcpustat_cpu_fetch(&kcs, cpu);
	t[0] = kcs.cpustat[CPUTIME_USER];
	t[1] = kcs.cpustat[CPUTIME_NICE];
	t[2] = kcs.cpustat[CPUTIME_SYSTEM];
	/* As fs/proc/stat.c: NO_HZ keeps idle/iowait in tick-sched. */
	us = cpu_online(cpu) ? get_cpu_idle_time_us(cpu, NULL) : -1ULL;
	t[3] = us == -1ULL ? kcs.cpustat[CPUTIME_IDLE] : us * NSEC_PER_USEC;
	us = cpu_online(cpu) ? get_cpu_iowait_time_us(cpu, NULL) : -1ULL;
	t[4] = us == -1ULL ? kcs.cpustat[CPUTIME_IOWAIT] : us * NSEC_PER_USEC;
	t[5] = kcs.cpustat[CPUTIME_IRQ];
	t[6] = kcs.cpustat[CPUTIME_SOFTIRQ];
	t[7] = kcs.cpustat[CPUTIME_STEAL];
	t[8] = kcs.cpustat[CPUTIME_GUEST];
	t[9] = kcs.cpustat[CPUTIME_GUEST_NICE];
}

static void vigia_print_times(struct seq_file *m, const u64 t[10])
{
	int f;

	for (f = 0; f < ARRAY_SIZE(vigia_cpu_fields); f++)
		seq_printf(m, "%s\"%s\":%llu", f ? "," : "",
			   vigia_cpu_fields[f], t[f]);
}

/* Index in "RSDTtXZPI" (task_index_to_char()) to the JSON key. */
static const char * const vigia_state_names[] = {
	"running", "sleeping", "disk_sleep", "stopped", "tracing_stop",
	"dead", "zombie", "parked", "idle",
};

static void vigia_show_header(struct seq_file *m, struct pid_namespace *ns)
{
	unsigned int counts[ARRAY_SIZE(vigia_state_names)] = { 0 };
	unsigned int total = 0, s;
	u64 sum[10] = { 0 }, t[10];
	struct task_struct *p;
	bool first = true;
	int cpu, f;

	for_each_possible_cpu(cpu) {
		vigia_cpu_times(cpu, t);
		for (f = 0; f < ARRAY_SIZE(sum); f++)
			sum[f] += t[f];
	}

	rcu_read_lock();
	for_each_process(p) {
		if (!task_tgid_nr_ns(p, ns))
			continue;	/* not visible in the reader's namespace */
		s = task_state_index(p);
		if (s < ARRAY_SIZE(counts))
			counts[s]++;
		total++;
	}
	rcu_read_unlock();

	seq_printf(m, "{\"version\":1,\"now_ns\":%llu,\"cpus\":%u,\"cpu_total\":{",
		   ktime_get_boottime_ns(), num_online_cpus());
	vigia_print_times(m, sum);
	seq_puts(m, "},\"cpu\":[");
	for_each_online_cpu(cpu) {
		vigia_cpu_times(cpu, t);
		seq_printf(m, "%s\n{\"cpu\":%d,", first ? "" : ",", cpu);
		vigia_print_times(m, t);
		seq_putc(m, '}');
		first = false;
	}
	seq_printf(m, "],\n\"states\":{\"total\":%u", total);
	for (s = 0; s < ARRAY_SIZE(counts); s++)
		seq_printf(m, ",\"%s\":%u", vigia_state_names[s], counts[s]);
	seq_puts(m, "},\n\"tasks\":[");
}

/* ---------------------------------------------------------------- tasks */

/*
 * The path that identifies the task's container: on the hierarchy that
 * holds the memory controller when that is a cgroup v1 hierarchy (Docker's
 * cgroupfs driver on v1 hosts: "/docker/<id>"), else on the unified (v2)
 * hierarchy, as the "0::" line of /proc/<pid>/cgroup shows it from the
 * initial cgroup namespace. Caller holds rcu_read_lock().
 */
static int vigia_cgroup_path(struct task_struct *task, char *buf, size_t len)
{
	struct cgroup *cgrp = task_dfl_cgroup(task);
#ifdef CONFIG_MEMCG
	struct cgroup *mem = task_css(task, memory_cgrp_id)->cgroup;

	if (mem->root != cgrp->root)
		cgrp = mem;
#endif
	return cgroup_path(cgrp, buf, len);
}

/* The whole group's CPU time, as thread_group_cputime() sums it. */
static u64 vigia_group_runtime(struct task_struct *task)
{
	struct signal_struct *sig = task->signal;
	unsigned int seq, nextseq = 0;
	struct task_struct *t;
	unsigned long flags;
	u64 sum;

	rcu_read_lock();
	do {
		seq = nextseq;
		flags = read_seqbegin_or_lock_irqsave(&sig->stats_lock, &seq);
		sum = sig->sum_sched_runtime;
		for_each_thread(task, t)
			sum += READ_ONCE(t->se.sum_exec_runtime);
		nextseq = 1;	/* lockless once, then under the lock */
	} while (need_seqretry(&sig->stats_lock, seq));
	done_seqretry_irqrestore(&sig->stats_lock, seq, flags);
	rcu_read_unlock();
	return sum;
}

static void vigia_show_task(struct seq_file *m, struct vigia_cpu_iter *it,
			    struct task_struct *task)
{
	unsigned long rss = 0, vsz = 0;
	char comm[TASK_COMM_LEN];
	pid_t ppid = 0;
	int path_len;
	uid_t uid;

	task_lock(task);
	strscpy(comm, task->comm, sizeof(comm));
	/* Kernel threads borrowing an mm (kthread_use_mm()) have none of their own. */
	if (task->mm && !(task->flags & PF_KTHREAD)) {
		rss = get_mm_rss(task->mm);
		vsz = READ_ONCE(task->mm->total_vm);
	}
	task_unlock(task);

	rcu_read_lock();
	if (pid_alive(task))
		ppid = task_tgid_nr_ns(rcu_dereference(task->real_parent), it->ns);
	uid = from_kuid_munged(seq_user_ns(m), task_euid(task));
	path_len = vigia_cgroup_path(task, it->path, sizeof(it->path));
	rcu_read_unlock();

	seq_printf(m, "%s\n{\"pid\":%d,\"ppid\":%d,\"uid\":%u,\"state\":\"%c\",\"comm\":",
		   it->task_shown ? "," : "", it->tgid, ppid, uid,
		   task_state_to_char(task));
	seq_json_string(m, comm, strnlen(comm, sizeof(comm)));
	seq_printf(m, ",\"threads\":%d,\"rss_kb\":%lu,\"vsz_kb\":%lu,\"cpu_ns\":%llu,\"start_ns\":%llu,\"cgroup\":",
		   get_nr_threads(task), rss << (PAGE_SHIFT - 10),
		   vsz << (PAGE_SHIFT - 10), vigia_group_runtime(task),
		   task->start_boottime);
	if (path_len < 0)
		seq_puts(m, "null");
	else	/* a path longer than PATH_MAX comes truncated */
		seq_json_string(m, it->path, strnlen(it->path, sizeof(it->path)));
	seq_putc(m, '}');
}

/* ------------------------------------------------------------- seq_file */

/*
 * The first process with tgid >= *pos - 1, with a reference held; *pos is
 * set to its position, or to the footer's when there is none.
 */
static void *vigia_find_task(struct vigia_cpu_iter *it, loff_t *pos)
{
	struct task_struct *task = NULL;
	int nr = *pos - 1;
	struct pid *pid;

	rcu_read_lock();
	while ((pid = find_ge_pid(nr, it->ns))) {
		nr = pid_nr_ns(pid, it->ns);
		task = pid_task(pid, PIDTYPE_TGID);
		if (task) {
			get_task_struct(task);
			break;
		}
		nr++;
	}
	rcu_read_unlock();

	if (!task) {
		*pos = VIGIA_POS_FOOTER;
		return VIGIA_FOOTER;
	}
	/*
	 * Remembered rather than read again in show(): a task reaped in
	 * between has no pid any more.
	 */
	it->tgid = nr;
	*pos = (loff_t)nr + 1;
	return task;
}

static void *vigia_cpu_start(struct seq_file *m, loff_t *pos)
{
	struct vigia_cpu_iter *it = m->private;

	if (*pos == 0) {
		it->task_shown = false;
		return SEQ_START_TOKEN;
	}
	if (*pos < VIGIA_POS_FOOTER)
		return vigia_find_task(it, pos);
	if (*pos == VIGIA_POS_FOOTER)
		return VIGIA_FOOTER;
	return NULL;
}

static void *vigia_cpu_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct vigia_cpu_iter *it = m->private;

	if (v == VIGIA_FOOTER) {
		*pos = VIGIA_POS_FOOTER + 1;
		return NULL;
	}
	if (v == SEQ_START_TOKEN) {
		*pos = 2;		/* from pid 1 */
	} else {
		it->task_shown = true;	/* see the comment at the top */
		put_task_struct(v);
		*pos += 1;		/* from the next tgid */
	}
	return vigia_find_task(it, pos);
}

static void vigia_cpu_stop(struct seq_file *m, void *v)
{
	if (v && v != SEQ_START_TOKEN && v != VIGIA_FOOTER)
		put_task_struct(v);
}

static int vigia_cpu_show(struct seq_file *m, void *v)
{
	struct vigia_cpu_iter *it = m->private;

	if (v == SEQ_START_TOKEN)
		vigia_show_header(m, it->ns);
	else if (v == VIGIA_FOOTER)
		seq_puts(m, "\n]}\n");
	else
		vigia_show_task(m, it, v);
	return 0;
}

static const struct seq_operations vigia_cpu_seq_ops = {
	.start	= vigia_cpu_start,
	.next	= vigia_cpu_next,
	.stop	= vigia_cpu_stop,
	.show	= vigia_cpu_show,
};

static int vigia_cpu_open(struct inode *inode, struct file *file)
{
	struct vigia_cpu_iter *it;

	it = __seq_open_private(file, &vigia_cpu_seq_ops, sizeof(*it));
	if (!it)
		return -ENOMEM;
	it->ns = get_pid_ns(task_active_pid_ns(current));
	return 0;
}

static int vigia_cpu_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;
	struct vigia_cpu_iter *it = m->private;

	put_pid_ns(it->ns);
	return seq_release_private(inode, file);
}

static const struct proc_ops vigia_cpu_ops = {
	.proc_open	= vigia_cpu_open,
	.proc_read_iter	= seq_read_iter,
	.proc_lseek	= seq_lseek,
	.proc_release	= vigia_cpu_release,
};

static int __init vigia_cpu_init(void)
{
	int err = vigia_check_proc_name(proc_name);

	if (err) {
		pr_err("invalid or taken proc_name \"%s\": %d\n", proc_name, err);
		return err;
	}
	vigia_cpu_entry = proc_create(proc_name, 0444, NULL, &vigia_cpu_ops);
	if (!vigia_cpu_entry)
		return -ENOMEM;
	return 0;
}

static void __exit vigia_cpu_exit(void)
{
	proc_remove(vigia_cpu_entry);
}

module_init(vigia_cpu_init);
module_exit(vigia_cpu_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Vigia");
MODULE_DESCRIPTION("CPU times and the process list as JSON in /proc/vigia_cpu");
