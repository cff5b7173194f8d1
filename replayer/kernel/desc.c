/* desc.c — the checker's reading of the shared syscall description table (traces/sysdesc.h):
 * argument kinds become comparison roles, struct descriptions become field walks. The table
 * is the only source; nothing about a particular syscall is repeated here except the few
 * facts the table leaves to "context" (which fcntl commands carry a struct flock, time(2)'s
 * result being a clock reading).
 */
#include "engine.h"
#include "desc.h"
#include "sysdesc.h"
#include "print.h"

const char *desc_name(uint32_t nr) { return sysdesc_name(nr); }
const char *desc_errno_name(int err) { return sysdesc_errno_name(err); }
const char *desc_signal_name(int sig) { return sysdesc_signal_name(sig); }

void desc_print_event(const struct trace_event *ev, char *out, size_t size)
{
    struct print_opts o = { false, true };
    trace_print_event(ev, &o, out, size);
}

void desc_print_syscall(const struct trace_syscall *sc, char *out, size_t size)
{
    struct print_opts o = { false, true };
    size_t n = trace_print_syscall(sc, &o, out, size);
    if ((sc->flags & TRACE_SC_NORETURN) && n >= 4 && n < size && !memcmp(out + n - 4, " = ?", 4))
        out[n - 4] = 0;   /* not "no return": the call has not returned yet */
}

void desc_print_call(uint32_t nr, const uint64_t args[6], bool has_result, int64_t result,
                     char *out, size_t size)
{
    /* the registers only: the memory they point at is compared, and reported, field by field */
    struct trace_syscall sc;
    memset(&sc, 0, sizeof sc);
    sc.nr = nr;
    memcpy(sc.args, args, sizeof sc.args);
    sc.result = result;
    sc.flags = has_result ? 0 : TRACE_SC_NORETURN;
    if (!sysdesc_get(nr))
        sc.flags |= TRACE_SC_UNDESCRIBED;
    desc_print_syscall(&sc, out, size);
}

static const struct sd_arg *arg_of(uint32_t nr, int i)
{
    const struct sysdesc *d = sysdesc_get(nr);
    if (!d || i < 0 || i >= d->nargs)
        return NULL;
    return &d->arg[i];
}

enum check_role desc_arg_role(uint32_t nr, int i)
{
    const struct sysdesc *d = sysdesc_get(nr);
    if (!d)
        return CR_ADDRESS;  /* undescribed: every register, through the address mapping */
    const struct sd_arg *a = arg_of(nr, i);
    if (!a || a->kind == SD_NONE)
        return CR_UNUSED;
    switch (a->kind) {
    case SD_INT: case SD_LONG: case SD_UINT: case SD_HEX: case SD_MODE: case SD_FLAGS:
    case SD_ENUM: case SD_FD: case SD_DIRFD:
        return CR_EXACT;
    case SD_PID:
        return CR_PID;
    default:  /* pointers, and arguments that may be pointers (ioctl, fcntl, prctl) */
        return CR_ADDRESS;
    }
}

const char *desc_arg_name(uint32_t nr, int i)
{
    static const char *const kinds[SD_KIND_COUNT] = {
        [SD_PATH] = "path", [SD_STR] = "str", [SD_BUF_IN] = "buf", [SD_BUF_OUT_RET] = "buf",
        [SD_BUF_OUT_ARG] = "buf", [SD_IOVEC_IN] = "iov", [SD_IOVEC_OUT] = "iov",
        [SD_SOCKADDR_IN] = "addr", [SD_SOCKADDR_OUT] = "addr", [SD_SOCKLEN_INOUT] = "addrlen",
        [SD_MSGHDR_IN] = "msg", [SD_MSGHDR_OUT] = "msg", [SD_FDSET] = "fds", [SD_SIGSET_IN] = "set",
        [SD_SIGSET_OUT] = "set", [SD_STRV] = "argv", [SD_DIRENTS] = "dirp", [SD_FD] = "fd",
        [SD_DIRFD] = "dirfd", [SD_PID] = "pid", [SD_FLAGS] = "flags", [SD_MODE] = "mode",
        [SD_ADDR] = "addr", [SD_BUF_OUT_LENPTR] = "optval",
    };
    const struct sd_arg *a = arg_of(nr, i);
    if (!a || a->kind >= SD_KIND_COUNT)
        return NULL;
    if (a->kind == SD_STRUCT_IN || a->kind == SD_STRUCT_OUT || a->kind == SD_STRUCT_INOUT ||
        a->kind == SD_ARRAY_IN || a->kind == SD_ARRAY_INOUT || a->kind == SD_ARRAY_OUT_RET) {
        const struct sd_struct_desc *sd = sysdesc_struct(a->aux);
        return sd ? sd->name : NULL;
    }
    return kinds[a->kind];
}

enum check_role desc_result_role(uint32_t nr)
{
    const struct sysdesc *d = sysdesc_get(nr);
    if (!d)
        return CR_EXACT;
    if ((d->flags & SDF_WORLD) && nr == SYS_NR_time)
        return CR_TIME;
    if ((d->flags & SDF_WORLD) && nr == SYS_NR_times)  /* clock ticks since an arbitrary origin */
        return CR_WORLD;
    if (d->ret == SD_PID)
        return CR_PID;
    if (d->ret == SD_ADDR)
        return CR_ADDRESS;
    return CR_EXACT;
}

bool desc_is_fork(uint32_t nr)
{
    const struct sysdesc *d = sysdesc_get(nr);
    return d && (d->flags & SDF_NEWTASK);
}

bool desc_is_exec(uint32_t nr)
{
    const struct sysdesc *d = sysdesc_get(nr);
    return d && (d->flags & SDF_EXEC);
}

static bool has_nsec(const char *name)
{
    for (const char *p = name; p && *p; p++)
        if (p[0] == 'n' && p[1] == 's' && p[2] == 'e' && p[3] == 'c')
            return true;
    return false;
}

static enum check_role field_role(const struct sd_field *f)
{
    switch (f->role) {
    case ROLE_INODE: return CR_INODE;
    case ROLE_DEVICE: return CR_DEVICE;
    case ROLE_MOUNT_ID: return CR_MOUNT_ID;
    case ROLE_KERNEL_OUT: return CR_KERNEL_OUT;
    case ROLE_UTIME_SEC: return CR_UTIME_SEC;
    case ROLE_PID: return CR_PID;
    case ROLE_ADDRESS: return CR_ADDRESS;
    case ROLE_TIME: return has_nsec(f->name) ? CR_TIME_NSEC : CR_TIME;
    case ROLE_RANDOM: return CR_RANDOM;
    case ROLE_HOSTID: return CR_HOSTID;
    case ROLE_LOAD: case ROLE_UPTIME: return CR_WORLD;
    default: return CR_EXACT;
    }
}

/* The fields of structs id laid end to end from object offset base, over [lo, hi); a field
 * starting at or past fields_end is left out (its bytes are compared as they are). */
static void walk_structs_upto(unsigned id, uint64_t base, uint64_t lo, uint64_t hi, uint32_t fields_end,
                              desc_field_fn fn, void *ctx)
{
    const struct sd_struct_desc *sd = sysdesc_struct(id);
    if (!sd || sd->size == 0)
        return;
    uint64_t first = lo > base ? (lo - base) / sd->size : 0;
    for (uint64_t k = first; base + k * sd->size < hi; k++)
        for (unsigned i = 0; i < sd->nfields; i++) {
            const struct sd_field *f = &sd->fields[i];
            if (f->offset >= fields_end)
                continue;
            /* a one-field struct (int, u64) is named after the argument instead */
            struct check_field cf = { (uint32_t)(base + k * sd->size + f->offset), f->size,
                                      field_role(f), sd->nfields > 1 ? f->name : NULL };
            fn(ctx, &cf);
        }
}

static void walk_structs(unsigned id, uint64_t base, uint64_t lo, uint64_t hi, desc_field_fn fn,
                         void *ctx)
{
    walk_structs_upto(id, base, lo, hi, UINT32_MAX, fn, ctx);
}

/* linux_dirent64 records: their lengths come from the recorded bytes themselves. */
static void walk_dirents(const struct trace_mem *m, desc_field_fn fn, void *ctx)
{
    const struct sd_struct_desc *sd = sysdesc_struct(ST_DIRENT64);
    if (!sd || m->offset != 0)
        return;
    uint64_t at = 0;
    while (at + sd->size <= m->len) {
        uint16_t reclen = (uint16_t)(m->data[at + 16] | (m->data[at + 17] << 8));
        if (reclen < sd->size || at + reclen > m->len)
            return;  /* the rest is compared as bytes */
        for (unsigned i = 0; i < sd->nfields; i++) {
            const struct sd_field *f = &sd->fields[i];
            if ((uint64_t)f->offset + f->size > reclen)
                continue;
            struct check_field cf = { (uint32_t)(at + f->offset), f->size, field_role(f), f->name };
            fn(ctx, &cf);
        }
        at += reclen;
    }
}

/* waitid writes only siginfo's first six fields, si_signo to si_status (Linux's kernel/exit.c):
 * the bytes after them are the program's own, never si_utime/si_stime. */
static uint32_t struct_fields_end(uint32_t nr, unsigned id)
{
    return nr == SYS_NR_waitid && id == ST_SIGINFO ? 28 : UINT32_MAX;
}

static bool fcntl_is_lock(uint64_t cmd)
{
    return cmd == 5 || cmd == 6 || cmd == 7 || cmd == 36 || cmd == 37 || cmd == 38;
}

void desc_region_walk(uint32_t nr, const uint64_t args[6], const struct trace_mem *m,
                      desc_field_fn fn, void *ctx)
{
    const struct sysdesc *d = sysdesc_get(nr);
    const struct sd_arg *a = arg_of(nr, m->arg);
    if (!d || !a)
        return;
    uint64_t lo = m->offset, hi = m->offset + m->len;
    bool whole = m->elem == TRACE_ELEM_NONE;
    switch (a->kind) {
    case SD_STRUCT_IN: case SD_STRUCT_OUT: case SD_STRUCT_INOUT:
    case SD_ARRAY_IN: case SD_ARRAY_INOUT: case SD_ARRAY_OUT_RET:
        if (whole && nr == SYS_NR_time && (d->flags & SDF_WORLD)) {  /* time(&t): t is the result */
            struct check_field cf = { (uint32_t)lo, m->len, CR_TIME, "*tloc" };
            fn(ctx, &cf);
        } else if (whole)
            walk_structs_upto(a->aux, 0, lo, hi, struct_fields_end(nr, a->aux), fn, ctx);
        break;
    case SD_IOVEC_IN: case SD_IOVEC_OUT:
        if (whole)
            walk_structs(ST_IOVEC, 0, lo, hi, fn, ctx);
        break;
    case SD_MSGHDR_IN: case SD_MSGHDR_OUT:
        if (whole)
            walk_structs(ST_MSGHDR, 0, lo, lo + 1, fn, ctx);
        else if (m->elem == SD_ELEM_MSG_IOV)
            walk_structs(ST_IOVEC, 0, lo, hi, fn, ctx);
        break;
    case SD_STRV:
        if (whole)
            for (uint64_t o = lo & ~7ull; o < hi; o += 8) {
                struct check_field cf = { (uint32_t)o, 8, CR_ADDRESS, NULL };
                fn(ctx, &cf);
            }
        break;
    case SD_DIRENTS:
        walk_dirents(m, fn, ctx);
        break;
    case SD_BUF_OUT_RET: case SD_BUF_OUT_ARG:
        if (d->flags & SDF_WORLD) {  /* getrandom */
            struct check_field cf = { (uint32_t)lo, m->len, CR_RANDOM, NULL };
            fn(ctx, &cf);
        }
        break;
    case SD_FCNTL_ARG:
        if (fcntl_is_lock(args[1]))
            walk_structs(ST_FLOCK, 0, lo, lo + 1, fn, ctx);
        break;
    case SD_ARCH_PRCTL_ARG:
        if (m->dir == TRACE_MEM_OUT) {  /* ARCH_GET_FS / ARCH_GET_GS: an address */
            struct check_field cf = { (uint32_t)lo, 8, CR_ADDRESS, "addr" };
            fn(ctx, &cf);
        }
        break;
    default:
        break;
    }
}
