// Runs a fuzz target without libFuzzer, so every build tests it: each input of a
// seed corpus, then a fixed number of mutations of them from a fixed seed (flips,
// insertions of bytes that matter to the parsers, deletions, repeats, splices).
// The same seed gives the same inputs on every machine; a larger count and other
// seeds hunt for longer (tests/fuzz.cmake).
//
// Usage: fuzz_TARGET CORPUS_DIR [ITERATIONS] [SEED]
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

struct Rng {
    std::uint64_t state;
    std::uint64_t next()
    {
        state += 0x9e3779b97f4a7c15ULL;
        std::uint64_t z = state;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

const std::vector<std::string> kTokens{"\"",  ",",  ";",  "\n", "\r\n", "\r", "\"\"", "\xff", std::string(1, '\0'),
                                       "\xef\xbb\xbf", "\xc3", "%", "%2", "://", "https://www.linkedin.com/in/",
                                       "urn:li:member:", "1/29/26, 2:37 PM", "29 Jan 2026", "12:00 AM", "=",
                                       "[", "]", "-", "99999999999999999999", "Notes:"};

std::string mutate(std::string s, const std::vector<std::string>& seeds, Rng& rng)
{
    const std::size_t steps = 1 + rng.below(4);
    for (std::size_t k = 0; k < steps; ++k) {
        const std::size_t at = rng.below(s.size() + 1);
        switch (rng.below(6)) {
        case 0:
            if (!s.empty()) s[rng.below(s.size())] ^= static_cast<char>(1u << rng.below(8));
            break;
        case 1: s.insert(at, kTokens[rng.below(kTokens.size())]); break;
        case 2: s.insert(at, 1, static_cast<char>(rng.below(256))); break;
        case 3: s.erase(at, rng.below(16)); break;
        case 4:  // repeat a piece
            if (!s.empty()) {
                const std::size_t from = rng.below(s.size());
                s.insert(at, s.substr(from, 1 + rng.below(64)));
            }
            break;
        default: {  // splice another seed in
            const std::string& other = seeds[rng.below(seeds.size())];
            if (!other.empty()) {
                const std::size_t from = rng.below(other.size());
                s = s.substr(0, at) + other.substr(from);
            }
        }
        }
    }
    return s;
}

void run(const std::string& input)
{
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR [ITERATIONS] [SEED]\n", argv[0]);
        return 2;
    }
    const long iterations = argc > 2 ? std::atol(argv[2]) : 10000;
    Rng rng{argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1};
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1]))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> seeds;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream buf;
        buf << in.rdbuf();
        seeds.push_back(std::move(buf).str());
    }
    if (seeds.empty()) seeds.emplace_back();
    for (const auto& s : seeds) run(s);
    for (long i = 0; i < iterations; ++i) run(mutate(seeds[rng.below(seeds.size())], seeds, rng));
    std::printf("%zu seeds and %ld mutations ran cleanly\n", seeds.size(), iterations);
    return 0;
}
