#include "modules/search/names.h"

#include <gtest/gtest.h>

namespace peduli::search {
namespace {

TEST(NameKeyTest, NurAndNoorAreOne) {
  EXPECT_EQ(NameKey("Nur"), "nur");
  EXPECT_EQ(NameKey("Noor"), "nur");
  EXPECT_EQ(NameKey("NOER"), "nur");
  EXPECT_EQ(NameKey("Siti Noor Halimah"), NameKey("siti nur halimah"));
}

TEST(NameKeyTest, EveryMuhammadIsOne) {
  const std::string want = NameKey("Muhammad");
  EXPECT_EQ(want, "muhamad");
  for (const char* v : {"Muhamad", "MUHAMMAD", "Mohammad", "Mohamad", "Mochammad", "Mochamad",
                        "Muh.", "Moh.", "Mhd", "Mohd", "Muhammed"}) {
    EXPECT_EQ(NameKey(v), want) << v;
  }
  EXPECT_EQ(NameKey("Muh. Surya"), "muhamad surya");
}

TEST(NameKeyTest, ApostrophesJoinAndOtherPunctuationSplits) {
  EXPECT_EQ(NameKey("Siti Nur'aini"), NameKey("siti nuraini"));
  EXPECT_EQ(NameKey("Siti Nur’aini"), "siti nuraini");
  EXPECT_EQ(NameKey("Sity Nuraini"), "siti nuraini");
  EXPECT_EQ(NameKey("Abdul-Rahman, S.H."), "abdul rahman s h");
}

TEST(NameKeyTest, AccentsAndScriptsFoldToAscii) {
  EXPECT_EQ(NameKey("Đặng"), "dang");
  EXPECT_EQ(NameKey("Đặng"), NameKey("dang"));
  EXPECT_EQ(NameKey("José Müller"), "jose muler");
  EXPECT_FALSE(NameKey("Ахмад").empty());
}

TEST(NameKeyTest, CaseAndSpacing) {
  EXPECT_EQ(NameKey("  BUDI   santoso "), "budi santoso");
  EXPECT_EQ(NameKey("Budi\tSantoso"), NameKey("budi santoso"));
  EXPECT_EQ(NameKey(""), "");
  EXPECT_EQ(NameKey(" .,'- "), "");
}

TEST(NameKeyTest, OldSpellingAndDoubledLetters) {
  EXPECT_EQ(NameKey("Djoko Tjahjono"), "joko cahjono");
  EXPECT_EQ(NameKey("Soekarno"), "sukarno");
  EXPECT_EQ(NameKey("Ahmmad"), "ahmad");
  EXPECT_EQ(NameKey("Dewy"), "dewi");
  EXPECT_EQ(NameKey("Yusuf"), "yusuf");
}

TEST(NameKeyTest, TypedPrefixesStayPrefixesOfTheKey) {
  // What an officer types as the start of a name must prefix the indexed token.
  EXPECT_EQ(NameKey("Muhammad").rfind(NameKey("muham"), 0), 0u);
  EXPECT_EQ(NameKey("Mohammad").rfind(NameKey("moha"), 0), 0u);
  EXPECT_EQ(NameKey("Surya").rfind(NameKey("sur"), 0), 0u);
}

}  // namespace
}  // namespace peduli::search
