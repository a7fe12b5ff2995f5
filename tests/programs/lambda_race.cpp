// lambda_race: two std::threads run one lambda that adds to a captured
// counter with no lock.  clang names the lambda main::$_0, gcc
// main::{lambda()#1}: the stable form names it main::lambda::operator() for
// both (tests/reports/lambda_race.*).
#include <cstdio>
#include <thread>

int main()
{
    long counter = 0;
    auto add = [&counter] {
        for (int i = 0; i < 1000; i++)
            counter += 1;
    };
    std::thread a(add), b(add);
    a.join();
    b.join();
    std::printf("lambda_race: %ld\n", counter);
    return 0;
}
