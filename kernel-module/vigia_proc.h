/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by vigia_ram and vigia_cpu: validation of the proc_name parameter.
 */
#ifndef VIGIA_PROC_H
#define VIGIA_PROC_H

#include <linux/errno.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/string.h>

#define VIGIA_PROC_NAME_MAX 64

/*
 * proc_create() accepts names that are not a plain file name (a slash walks
 * into a subdirectory) and WARNs when the name is taken, so refuse both here:
 * the name must be 1..64 characters of [A-Za-z0-9_.-], not "." or "..", and
 * /proc/<name> must not exist yet (this also catches pids, "self" and the
 * like, which are not proc_dir_entries). The existence check needs /proc to
 * be mounted in the loader's namespace; without it only the kernel's own
 * duplicate check remains.
 */
static inline int vigia_check_proc_name(const char *name)
{
	char full[sizeof("/proc/") + VIGIA_PROC_NAME_MAX];
	struct path path;
	size_t i, len;

	if (!name)
		return -EINVAL;
	len = strnlen(name, VIGIA_PROC_NAME_MAX + 1);
	if (len == 0 || len > VIGIA_PROC_NAME_MAX)
		return -EINVAL;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= '0' && c <= '9') && c != '_' && c != '-' && c != '.')
			return -EINVAL;
	}
	snprintf(full, sizeof(full), "/proc/%s", name);
	if (!kern_path(full, 0, &path)) {
		path_put(&path);
		return -EEXIST;
	}
	return 0;
}

#endif /* VIGIA_PROC_H */
