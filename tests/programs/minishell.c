/* minishell — a tiny shell's core: splits command lines on '|' and spaces, starts each stage
 * with posix_spawn (file actions dup2 the pipe ends onto 0/1 and close the rest), handles
 * "< file" and "> file" redirections on the first/last stage, waits for every stage with
 * waitpid and reports the pipeline's status the way sh does ($? of the last stage; 127 when
 * a program does not exist). The programs are BusyBox applets under /bin. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define MAXSTAGE 4
#define MAXARG 8

static int split(char *s, const char *sep, char **out, int max)
{
	int n = 0;
	for (char *save, *tok = strtok_r(s, sep, &save); tok && n < max - 1; tok = strtok_r(NULL, sep, &save))
		out[n++] = tok;
	out[n] = NULL;
	return n;
}

static int run_line(const char *line)
{
	char buf[256], *stages[MAXSTAGE + 1];
	snprintf(buf, sizeof buf, "%s", line);
	int n = split(buf, "|", stages, MAXSTAGE + 1);
	pid_t pids[MAXSTAGE];
	int in = -1, status = 0, spawned = 0;
	fflush(stdout);
	for (int i = 0; i < n; i++) {
		char *argv[MAXARG + 1], *infile = NULL, *outfile = NULL;
		int argc = 0;
		char *words[MAXARG + 1];
		int nw = split(stages[i], " ", words, MAXARG + 1);
		for (int w = 0; w < nw; w++) {
			if (!strcmp(words[w], "<") && w + 1 < nw)
				infile = words[++w];
			else if (!strcmp(words[w], ">") && w + 1 < nw)
				outfile = words[++w];
			else
				argv[argc++] = words[w];
		}
		argv[argc] = NULL;
		int p[2] = { -1, -1 };
		if (i < n - 1 && pipe2(p, O_CLOEXEC) < 0) {
			perror("pipe2");
			return 1;
		}
		posix_spawn_file_actions_t fa;
		posix_spawn_file_actions_init(&fa);
		if (in >= 0)
			posix_spawn_file_actions_adddup2(&fa, in, 0);
		else if (infile)
			posix_spawn_file_actions_addopen(&fa, 0, infile, O_RDONLY, 0);
		if (p[1] >= 0)
			posix_spawn_file_actions_adddup2(&fa, p[1], 1);
		else if (outfile)
			posix_spawn_file_actions_addopen(&fa, 1, outfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		char path[64];
		snprintf(path, sizeof path, "/bin/%s", argv[0]);
		int err = posix_spawn(&pids[spawned], path, &fa, NULL, argv, environ);
		posix_spawn_file_actions_destroy(&fa);
		if (err)
			fprintf(stderr, "minishell: %s: %s\n", argv[0], strerror(err));
		else
			spawned++;
		if (in >= 0)
			close(in);
		if (p[1] >= 0)
			close(p[1]);
		in = p[0];
		status = err ? 127 << 8 : 0;
	}
	if (in >= 0)
		close(in);
	for (int i = 0; i < spawned; i++) {
		int st;
		if (waitpid(pids[i], &st, 0) == pids[i] && i == spawned - 1 && status == 0)
			status = st;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(void)
{
	static const char *script[] = {
		"echo hello world",
		"printf a\\nc\\nb\\n | sort -r",
		"echo one two three | tr a-z A-Z | wc -w",
		"seq 1 5 > /tmp/ms_out",
		"cat < /tmp/ms_out",
		"grep -c 3 /tmp/ms_out",
		"false",
		"nosuchprogram arg",
		"test 3 -gt 5",
	};
	for (size_t i = 0; i < sizeof script / sizeof *script; i++) {
		printf("$ %s\n", script[i]);
		int rc = run_line(script[i]);
		printf("[exit %d]\n", rc);
	}
	unlink("/tmp/ms_out");
	return 0;
}
