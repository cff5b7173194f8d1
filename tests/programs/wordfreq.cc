// wordfreq — a static C++ program in everyday style: iostreams over files, std::map and
// std::sort, an exception thrown and caught, and work handed to std::threads one after the
// other (libstdc++ and glibc: clone3 threads whose malloc arenas are 2 MiB-aligned 128 MiB
// mappings). The threads run one at a time, each long enough that main is already waiting in
// join: threads that allocate their arenas at the same moment place them in an order Linux
// does not record, and a join racing the thread's exit is won either way (docs/interfaces.md).
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

static std::map<std::string, int> count_words(const std::string &path)
{
    std::map<std::string, int> freq;
    std::ifstream in(path);
    std::string w;
    while (in >> w)
        freq[w]++;
    return freq;
}

int main()
{
    std::ofstream("/tmp/wordfreq.txt") << "the quick brown fox jumps over the lazy dog\nthe end of the fox\n";
    auto freq = count_words("/tmp/wordfreq.txt");
    std::vector<std::pair<int, std::string>> by_count;
    for (const auto &p : freq)
        by_count.emplace_back(p.second, p.first);
    std::sort(by_count.begin(), by_count.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (const auto &p : by_count)
        std::cout << p.second << ' ' << p.first << '\n';

    try {
        count_words("/nonexistent").at("x");
    } catch (const std::out_of_range &e) {
        std::cout << "caught out_of_range\n";
    }

    std::vector<long> sums(3);
    for (int t = 0; t < 3; t++) {
        std::thread worker([t, &sums] {
            volatile long s = 0;
            for (long i = 0; i < 2000000L * (t + 1); i++)
                s = s + i % 1000;
            sums[t] = s;
        });
        worker.join();
    }
    std::ostringstream os;
    for (long s : sums)
        os << s << ' ';
    std::cout << "sums " << os.str() << std::endl;
    return 0;
}
