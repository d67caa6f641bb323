#pragma once

#include <string>
#include <string_view>

namespace peduli::search {

// The key under which a person's name is indexed and searched, so that officers find
// "Muhammad Nur" whether they type "MOHAMAD NOOR", "muh nur" or "Muhamad  Nur".
//
// The key is the name's tokens, lower-case ASCII letters and digits, separated by one space,
// in the name's order. Built as follows:
//  1. Transliterate to Latin and fold to ASCII and lower case (ICU "Any-Latin; Latin-ASCII;
//     Lower"; pure ASCII input skips ICU): "Đặng" -> "dang", "ÖZİL" -> "ozil".
//  2. Apostrophes (' ’ ` ʼ) are dropped inside a word ("Nur'aini" -> "nuraini"); every
//     other character that is not a letter or digit separates words ("Siti-Nur", "Muh.").
//  3. Each token is rewritten for the Indonesian spelling variants, in this order:
//     a. old (pre-1972 Van Ophuijsen / Soewandi) spelling: "dj" -> "j" (Djoko -> joko),
//        "tj" -> "c" (Tjahjo -> cahjo), "oe" -> "u" (Soekarno -> sukarno);
//     b. a leading "moh"/"moch"/"much" becomes "muh" (Mohamad, Mochtar -> muhamad, muhtar);
//     c. doubled letters become one (Ahmmad -> ahmad, Muhammad -> muhamad, Noor -> nor);
//     d. a final "y" after another letter becomes "i" (Sity -> siti, Dewy -> dewi);
//     e. whole-token aliases: muhamad, muhamed, muhamat, muh, mhd, muhd -> "muhamad";
//        nor, nur -> "nur".
//     So every form of Muhammad has the key "muhamad" (not "muhammad": step c runs first, and
//     keeping the collapsed form means a typed prefix such as "muham" still prefixes it).
//  4. Empty tokens vanish; an empty or all-punctuation name gives "".
//
// The same function builds the indexed key and the query's key; a query matches a name when
// every query token is a prefix of some name token (see store/search_store.h). Limitation:
// a query token that is itself an alias ("muh") is widened to the full form, so "muh" finds
// every Muhammad but not "Muhtar". Thread-safe.
std::string NameKey(std::string_view name);

// One token through step 3 (exposed for tests). `token` is lower-case ASCII alphanumeric.
std::string NormaliseToken(std::string_view token);

}  // namespace peduli::search
