/*
 * prctl_queries — the prctl reads that libraries make at start-up answer as Linux does for a
 * process that set nothing: PR_GET_SECCOMP 0 (no filter), PR_GET_SECUREBITS 0,
 * PR_GET_KEEPCAPS 0, PR_MCE_KILL_GET the default policy (2) and EINVAL with a stray argument;
 * an unknown option is EINVAL.
 */
#include "contract.h"
#include <sys/prctl.h>

int main(void)
{
	CHECK_RET("get_seccomp", prctl(PR_GET_SECCOMP, 0, 0, 0, 0), 0);
	CHECK_RET("get_securebits", prctl(PR_GET_SECUREBITS, 0, 0, 0, 0), 0);
	CHECK_RET("get_keepcaps", prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 0);
	CHECK_RET("mce_kill_get", prctl(PR_MCE_KILL_GET, 0, 0, 0, 0), PR_MCE_KILL_DEFAULT);
	CHECK_ERR("mce_kill_get_stray_arg", prctl(PR_MCE_KILL_GET, 1, 0, 0, 0), EINVAL);
	CHECK_ERR("unknown_option", prctl(12345, 0, 0, 0, 0), EINVAL);
	return contract_end();
}
