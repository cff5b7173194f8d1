/* exit42 — exits with status 42 and does nothing else. */
int main(void) { return 42; }
