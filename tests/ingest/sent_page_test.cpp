// Reading saved Sent invitations pages: every made-up fixture in tests/ingest/sent_pages
// (tools/gen_sent_page.py) read as its MANIFEST.txt says a member would see it.
#include "ingest/sent_page.h"

#include "ingest/people.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

namespace ik::ingest {
namespace {

const std::string kDir = IK_SENT_PAGES_DIR;

std::string slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> split_tabs(const std::string& line)
{
    std::vector<std::string> fields;
    std::string field;
    for (char c : line) {
        if (c == '\t') {
            fields.push_back(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.push_back(field);
    return fields;
}

// The manifest's escapes: \n, \t, \\; "-" is none.
std::string unescape(const std::string& text)
{
    if (text == "-") return {};
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            char next = text[++i];
            out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
        } else {
            out += text[i];
        }
    }
    return out;
}

struct ExpectedCard {
    std::string name, slug, phrase, note;
};

struct ExpectedFile {
    std::string file, verdict, layout, form, lang;
    long cards = 0;
    std::optional<long> people;
    std::vector<ExpectedCard> card_list;
};

std::vector<ExpectedFile> manifest()
{
    std::vector<ExpectedFile> files;
    std::map<std::string, std::size_t> index;
    std::istringstream in(slurp(kDir + "/MANIFEST.txt"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto f = split_tabs(line);
        if (f[0] == "FILE") {
            ExpectedFile e{f[1], f[2], f[3], f[4], f[5], std::stol(f[6]), std::nullopt, {}};
            if (f[7] != "none") e.people = std::stol(f[7]);
            index[e.file] = files.size();
            files.push_back(e);
        } else if (f[0] == "CARD") {
            files[index.at(f[1])].card_list.push_back({unescape(f[3]), unescape(f[4]), f[5], unescape(f[6])});
        }
    }
    return files;
}

TEST(SentPage, ManifestListsEveryLayoutAndLanguage)
{
    auto files = manifest();
    ASSERT_GE(files.size(), 20u);
    std::map<std::string, int> seen;
    for (const auto& f : files) seen[f.layout + "/" + f.form + "/" + f.lang] += 1;
    for (const char* kind : {"2026/html/en", "2026/complete/en", "2026/mhtml/en", "legacy/html/en", "copy/text/en",
                             "2026/html/de", "copy/text/de", "2026/html/pt", "2026/html/fr", "2026/html/es",
                             "copy/text/es"})
        EXPECT_GE(seen[kind], 1) << kind;
}

TEST(SentPage, EveryFixtureReadsAsItsManifestSays)
{
    for (const auto& e : manifest()) {
        SCOPED_TRACE(e.file);
        std::string data = slurp(kDir + "/" + e.file);
        ASSERT_FALSE(data.empty());
        if (e.verdict == "sent") {
            EXPECT_TRUE(may_be_page(std::string_view(data).substr(0, 65536)));
        }
        auto page = parse_sent_page(data, e.file);
        if (e.verdict == "refuse") {
            ASSERT_FALSE(page.has_value());
            EXPECT_EQ(page.error().code, "not_sent_page");
            EXPECT_NE(page.error().message.find(e.file + ": this is not LinkedIn's Sent invitations page"),
                      std::string::npos)
                << page.error().message;
            continue;
        }
        if (e.cards == 0) {
            ASSERT_FALSE(page.has_value());
            EXPECT_EQ(page.error().code, "no_invitations");
            EXPECT_EQ(page.error().message, e.file + ": no invitations on this page");
            continue;
        }
        ASSERT_TRUE(page.has_value()) << page.error().message;
        std::string layout = e.layout == "2026" ? "2026" : e.layout == "legacy" ? "earlier" : "text copy";
        EXPECT_EQ(to_string(page->layout), layout);
        EXPECT_EQ(page->people_count, e.people);
        EXPECT_EQ(page->saved_at.has_value(), e.form == "mhtml");
        ASSERT_EQ(static_cast<long>(page->cards.size()), e.cards);
        for (std::size_t i = 0; i < page->cards.size(); ++i) {
            const auto& card = page->cards[i];
            const auto& want = e.card_list.at(i);
            SCOPED_TRACE(fmt::format("card {} ({})", i + 1, want.name));
            EXPECT_EQ(card.number, static_cast<long>(i + 1));
            EXPECT_EQ(card.name, want.name);
            EXPECT_EQ(card.age_phrase, want.phrase);
            EXPECT_EQ(card.note, want.note);
            if (want.slug.empty()) {
                EXPECT_EQ(card.profile_key, "");
            } else {
                auto profile = normalize_profile_url("https://www.linkedin.com/in/" + want.slug + "/");
                ASSERT_TRUE(profile.has_value());
                EXPECT_EQ(card.profile_key, profile->key);
            }
            EXPECT_LT(card.age.lo, card.age.hi);
        }
    }
}

TEST(SentPage, MhtmlDateIsTheSnapshotTime)
{
    auto page = parse_sent_page(slurp(kDir + "/sent_2026_en.mhtml"), "sent_2026_en.mhtml");
    ASSERT_TRUE(page.has_value()) << page.error().message;
    ASSERT_TRUE(page->saved_at.has_value());
    using namespace std::chrono;
    EXPECT_EQ(page->saved_at->time_since_epoch(),
              (sys_days{2026y / December / 1} + 9h + 14min + 3s).time_since_epoch());
}

TEST(SentPage, UnknownAgePhraseNamesTheCardAndThePhrase)
{
    std::string data = slurp(kDir + "/sent_copy_en.txt");
    auto at = data.find("Sent 3 weeks ago");
    ASSERT_NE(at, std::string::npos);
    data.replace(at, 16, "Sent a fortnight ago");
    auto page = parse_sent_page(data, "copy.txt");
    ASSERT_FALSE(page.has_value());
    EXPECT_EQ(page.error().code, "unknown_age_phrase");
    EXPECT_NE(page.error().message.find("\"Sent a fortnight ago\" is not an age phrase"), std::string::npos)
        << page.error().message;
    EXPECT_NE(page.error().message.find("card 9 (Arjun Eze)"), std::string::npos) << page.error().message;
}

TEST(SentPage, BrokenMarkupEntitiesAndStrayBytesStillRead)
{
    std::string html =
        "<html><body><div data-testid=\"lazy-column\"><div role=\"listitem\" componentkey=\"x\">"
        "<a href=\"https://www.linkedin.com/in/siobhan-obrien/\"><p>Siobhan O&#39;Brien &amp; Co</p></a>"
        "<p><span>Caf\xe9 owner</span></p><span>Sent 2 weeks ago</span>"
        "<a aria-label=\"Withdraw invitation sent to Siobhan O&#39;Brien &amp; Co\">Withdraw"  // <a> never closed
        "</div><div role=\"listitem\"><a href=\"/in/zoe/\"><p>Zo\xc3\xab \xf0\x9f\x9a\x80</p></a><span>Sent today</span>"
        "<a aria-label=\"Withdraw invitation sent to Zo\xc3\xab \xf0\x9f\x9a\x80\">Withdraw</a></div>";
    auto page = parse_sent_page(html, "broken.html");
    ASSERT_TRUE(page.has_value()) << page.error().message;
    ASSERT_EQ(page->cards.size(), 2u);
    EXPECT_EQ(page->cards[0].name, "Siobhan O'Brien & Co");
    EXPECT_EQ(page->cards[0].headline, "Caf\xc3\xa9 owner");  // a stray Latin-1 byte read as cp1252
    EXPECT_EQ(page->cards[1].name, "Zo\xc3\xab \xf0\x9f\x9a\x80");
    EXPECT_EQ(page->people_count, std::nullopt);
}

TEST(SentPage, ProseAndCsvAreNotPages)
{
    EXPECT_FALSE(may_be_page("First Name,Last Name,URL\nAda,Lovelace,x\n"));
    EXPECT_FALSE(may_be_page("From;To;Sent At\n"));
    EXPECT_FALSE(may_be_page(std::string(16384, '\0')));  // /dev/zero: refused at once, never read to its end
}

}  // namespace
}  // namespace ik::ingest
