/* spin — loops forever: the runner's timeout must stop it (and the timer must preempt it). */
int main(void)
{
    for (volatile unsigned long i = 0;; i++)
        ;
}
