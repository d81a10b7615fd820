// SPDX-License-Identifier: GPL-2.0
/*
 * vigia_ram: memory totals of the host as one JSON object in /proc/vigia_ram
 * (schema in README.md). Every value is computed the way /proc/meminfo
 * computes it, so the two files agree.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/swap.h>
#include <linux/vmstat.h>

#include "vigia_proc.h"

static char *proc_name = "vigia_ram";
module_param(proc_name, charp, 0444);
MODULE_PARM_DESC(proc_name, "name of the entry under /proc (default vigia_ram)");

static struct proc_dir_entry *vigia_ram_entry;

static inline unsigned long pages_to_kb(unsigned long pages)
{
	return pages << (PAGE_SHIFT - 10);
}

static int vigia_ram_show(struct seq_file *m, void *v)
{
	unsigned long used, pct;
	long available, cached;
	struct sysinfo i;

	si_meminfo(&i);
	available = si_mem_available();
	cached = global_node_page_state(NR_FILE_PAGES) -
		 global_node_page_state(NR_SWAPCACHE) - i.bufferram;
	if (cached < 0)
		cached = 0;
	/* As free(1) since procps 3.3.10: memory not available to new work. */
	used = i.totalram > available ? i.totalram - available : 0;
	pct = i.totalram ? (used * 10000 + i.totalram / 2) / i.totalram : 0;

	/*
	 * si_swapinfo() and total_swap_pages are not exported to modules, so
	 * the swap size cannot be read here: swap_total_kb is null and the
	 * agent takes SwapTotal from /proc/meminfo. Free swap is exported.
	 */
	seq_printf(m, "{\"version\":1,\"total_kb\":%lu", pages_to_kb(i.totalram));
	seq_printf(m, ",\"free_kb\":%lu", pages_to_kb(i.freeram));
	seq_printf(m, ",\"available_kb\":%lu", pages_to_kb(available));
	seq_printf(m, ",\"used_kb\":%lu", pages_to_kb(used));
	seq_printf(m, ",\"used_pct\":%lu.%02lu", pct / 100, pct % 100);
	seq_printf(m, ",\"buffers_kb\":%lu", pages_to_kb(i.bufferram));
	seq_printf(m, ",\"cached_kb\":%lu", pages_to_kb(cached));
	seq_printf(m, ",\"shared_kb\":%lu", pages_to_kb(i.sharedram));
	seq_puts(m, ",\"swap_total_kb\":null");
	seq_printf(m, ",\"swap_free_kb\":%lu}\n", pages_to_kb(get_nr_swap_pages()));
	return 0;
}

static int vigia_ram_open(struct inode *inode, struct file *file)
{
	return single_open(file, vigia_ram_show, NULL);
}

static const struct proc_ops vigia_ram_ops = {
	.proc_open	= vigia_ram_open,
	.proc_read_iter	= seq_read_iter,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

static int __init vigia_ram_init(void)
{
	int err = vigia_check_proc_name(proc_name);

	if (err) {
		pr_err("invalid or taken proc_name \"%s\": %d\n", proc_name, err);
		return err;
	}
	vigia_ram_entry = proc_create(proc_name, 0444, NULL, &vigia_ram_ops);
	if (!vigia_ram_entry)
		return -ENOMEM;
	return 0;
}

static void __exit vigia_ram_exit(void)
{
	proc_remove(vigia_ram_entry);
}

module_init(vigia_ram_init);
module_exit(vigia_ram_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Vigia");
MODULE_DESCRIPTION("RAM totals as JSON in /proc/vigia_ram");
