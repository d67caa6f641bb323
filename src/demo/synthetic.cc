#include "demo/synthetic.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "modules/registry/phone.h"
#include "modules/registry/prepare.h"

namespace peduli::demo {

namespace {

using registry::LaporDiri;

template <size_t N>
using Words = std::array<const char*, N>;

constexpr Words<64> kMaleNames = {
    "Agus",    "Ahmad",   "Andi",     "Arif",    "Bambang", "Budi",     "Dedi",    "Dimas",
    "Eko",     "Fajar",   "Hadi",     "Hendra",  "Irfan",   "Joko",     "Made",    "Muhammad",
    "Nyoman",  "Putu",    "Rahmat",   "Rizky",   "Slamet",  "Sugeng",   "Teguh",   "Wahyu",
    "Yusuf",   "Ma'ruf",  "Syafi'i",  "Mas'ud",  "Rif'at",  "Mu'min",   "Zulkifli", "Yohanes",
    "Stefanus", "Gede",   "Ketut",    "Wayan",   "Ilham",   "Imam",     "Iwan",    "Yudi",
    "Asep",    "Ujang",   "Dadang",   "Cecep",   "Ridwan",  "Taufik",   "Samsul",  "Sutrisno",
    "Suparman", "Hasan",  "Husein",   "Faisal",  "Gilang",  "Bayu",     "Rudi",    "Anton",
    "Heru",    "Ikhsan",  "Lukman",   "Nanang",  "Marthen", "Yosef",    "Fransiskus", "La Ode"};

constexpr Words<64> kFemaleNames = {
    "Siti",    "Sri",      "Dewi",     "Ani",       "Ayu",      "Putri",    "Nur'aini", "Nurul",
    "Wulan",   "Rina",     "Ratna",    "Yuni",      "Lestari",  "Fitri",    "Indah",    "Intan",
    "Kartika", "Mega",     "Nia",      "Novi",      "Rahayu",   "Rini",     "Sari",     "Susanti",
    "Tuti",    "Wati",     "Yanti",    "Eka",       "Dian",     "Endang",   "Sumiati",  "Suharti",
    "Ni'mah",  "Sa'adah",  "Mu'awanah", "Khadijah", "Aisyah",   "Fatimah",  "Maryam",   "Zahra",
    "Ni Luh",  "Ni Made",  "Kadek",    "Komang",    "Theresia", "Maria",    "Agustina", "Yohana",
    "Nining",  "Ningsih",  "Euis",     "Neneng",    "Rosmawati", "Hartini", "Tumini",   "Wartini",
    "Sulastri", "Juwariyah", "Istiqomah", "Umi",    "Anisa",    "Nabila",   "Laila",    "Desi"};

constexpr Words<64> kSecondNames = {
    "Hidayat",   "Setiawan",  "Santoso",   "Wijaya",     "Kusuma",    "Siregar",   "Nasution",
    "Harahap",   "Lubis",     "Sinaga",    "Simanjuntak", "Hutapea",  "Pardede",   "Sitompul",
    "Tambunan",  "Manurung",  "Panjaitan", "Purba",      "Ginting",   "Tarigan",   "Sembiring",
    "Sitepu",    "Rahman",    "Hakim",     "Hasibuan",   "Pohan",     "Daulay",    "Ritonga",
    "Gunawan",   "Kurniawan", "Susanto",   "Pratama",    "Wibowo",    "Nugroho",   "Prasetyo",
    "Suryadi",   "Rusli",     "Aritonang", "Situmorang", "Sihombing", "Napitupulu", "Saragih",
    "Damanik",   "Munthe",    "Tanjung",   "Wahyudi",    "Hartono",   "Sugiarto",  "Mulyadi",
    "Supriadi",  "Ma'arif",   "Mu'is",     "Na'im",      "Sa'id",     "Al-Habsyi", "Assegaf",
    "Rumbiak",   "Wanggai",   "Pattipeilohy", "Latuconsina", "Lasut", "Mandagi", "Tumbelaka",
    "Pakpahan"};

constexpr Words<12> kImmigrationOffices = {
    "Kantor Imigrasi Kelas I Jakarta Selatan", "Kantor Imigrasi Kelas I Bandung",
    "Kantor Imigrasi Kelas I Surabaya",        "Kantor Imigrasi Kelas I Semarang",
    "Kantor Imigrasi Kelas I Medan",           "Kantor Imigrasi Kelas I Makassar",
    "Kantor Imigrasi Kelas I Denpasar",        "Kantor Imigrasi Kelas I Mataram",
    "Kantor Imigrasi Kelas II Cilacap",        "Kantor Imigrasi Kelas I Malang",
    "Kantor Imigrasi Kelas I Batam",           "Kantor Imigrasi Kelas I Kupang"};

constexpr Words<24> kStreets = {
    "Jalan Melati",  "Jalan Mawar",    "Jalan Merdeka",   "Jalan Cempaka",   "Jalan Kenanga",
    "Jalan Sentosa", "Jalan Harmoni",  "Jalan Bunga Raya", "Jalan Ampang",   "Jalan Bukit",
    "Jalan Pelabuhan", "Jalan Stesen", "Jalan Pasar",     "Jalan Taman",     "Jalan Sungai",
    "Jalan Industri", "Jalan Universiti", "Jalan Perdana", "Jalan Damai",     "Jalan Pantai",
    "Jalan Kebun",   "Jalan Raya",     "Jalan Utama",     "Jalan Seri"};

constexpr Words<16> kFamilyEmployers = {
    "Keluarga Tan",    "Keluarga Lim",      "Keluarga Chen",   "Keluarga Wong",
    "Keluarga Lee",    "Keluarga Al-Harbi", "Keluarga Al-Qahtani", "Keluarga Huang",
    "Keluarga Cheung", "Keluarga Nakamura", "Keluarga Kim",    "Keluarga Park",
    "Keluarga Ahmad",  "Keluarga Rahman",   "Keluarga Lin",    "Keluarga Yamada"};

constexpr Words<16> kCompanies = {
    "Sunrise Electronics",        "Golden Palm Plantation",    "Evergreen Precision Industries",
    "Harbour Construction",       "Pacific Seafood Processing", "Global Care Home",
    "Eastern Textile Mills",      "Silverline Logistics",       "Green Valley Farms",
    "Metro Cleaning Services",    "Ocean Fisheries",            "Prime Automotive Parts",
    "Lotus Garment Factory",      "Royal Hotel Group",          "United Steel Works",
    "Jade Food Manufacturing"};

constexpr Words<12> kAgencyFirst = {"Sumber", "Bina", "Mitra", "Karya", "Duta", "Graha",
                                    "Bumi",   "Citra", "Surya", "Putra", "Insan", "Jasa"};
constexpr Words<12> kAgencySecond = {"Rezeki Abadi", "Tenaga Mandiri", "Sejahtera",  "Insani",
                                     "Perkasa",      "Makmur",         "Utama Jaya", "Bahari",
                                     "Nusantara",    "Sentosa",        "Bersama",    "Lestari"};

constexpr Words<10> kProgrammes = {"S1 Teknik Informatika", "S2 Ilmu Komputer", "S3 Kimia",
                                   "S1 Manajemen",          "S2 Hubungan Internasional",
                                   "S2 Teknik Sipil",       "S3 Kedokteran",
                                   "S1 Bahasa dan Sastra",  "Kursus Bahasa",
                                   "S2 Pendidikan"};

constexpr Words<10> kVessels = {"Ocean Star",   "Pacific Glory", "Sea Harmony", "Golden Bay",
                                "Blue Marlin",  "Northern Light", "Eastern Pearl", "Jade Wave",
                                "Silver Tuna",  "Bintang Samudra"};
constexpr Words<12> kFlagStates = {"PA", "LR", "MH", "SG", "MT", "BS",
                                   "HK", "TW", "KR", "JP", "CN", "CY"};

constexpr Words<4> kInformalJobs = {"Asisten rumah tangga", "Perawat lansia", "Pengasuh anak",
                                    "Pekerja perkebunan"};
constexpr Words<5> kFormalJobs = {"Operator pabrik", "Pekerja konstruksi", "Pekerja pengolahan ikan",
                                  "Pelayan restoran", "Petugas kebersihan"};
constexpr Words<8> kResidentJobs = {"Karyawan swasta", "Wiraswasta", "Koki",  "Dosen",
                                    "Insinyur",        "Perawat",    "Guru", "Pedagang"};

// Where people live in the countries most Indonesians abroad live in: subdivision, city,
// weight. Cities of Sabah (MY-12) are those the jurisdiction split names.
struct Hotspot {
  const char* country;
  const char* subdivision;
  const char* city;
  unsigned weight;
};
constexpr Hotspot kHotspots[] = {
    {"MY", "MY-14", "Kuala Lumpur", 20}, {"MY", "MY-10", "Shah Alam", 12},
    {"MY", "MY-10", "Petaling Jaya", 8}, {"MY", "MY-10", "Klang", 5},
    {"MY", "MY-01", "Johor Bahru", 12},  {"MY", "MY-07", "George Town", 6},
    {"MY", "MY-08", "Ipoh", 3},          {"MY", "MY-13", "Kuching", 5},
    {"MY", "MY-13", "Miri", 3},          {"MY", "MY-12", "Kota Kinabalu", 7},
    {"MY", "MY-12", "Tawau", 7},         {"MY", "MY-12", "Sandakan", 4},
    {"MY", "MY-12", "Lahad Datu", 4},    {"MY", "MY-12", "Semporna", 2},
    {"MY", "MY-12", "Keningau", 2},      {"MY", "MY-15", "Labuan", 1},
    {"MY", "MY-06", "Kuantan", 2},       {"MY", "MY-04", "Melaka", 2},
    {"SA", "SA-01", "Riyadh", 35},       {"SA", "SA-02", "Jeddah", 25},
    {"SA", "SA-02", "Makkah", 15},       {"SA", "SA-03", "Madinah", 10},
    {"SA", "SA-04", "Dammam", 10},       {"SA", "SA-05", "Buraydah", 5},
    {"TW", "TW-TPE", "Taipei", 15},      {"TW", "TW-NWT", "New Taipei", 15},
    {"TW", "TW-TAO", "Taoyuan", 20},     {"TW", "TW-TXG", "Taichung", 15},
    {"TW", "TW-KHH", "Kaohsiung", 12},   {"TW", "TW-TNN", "Tainan", 8},
    {"TW", "TW-CHA", "Changhua", 7},     {"TW", "TW-HSZ", "Hsinchu", 8},
    {"HK", "HK-HWC", "Causeway Bay", 25}, {"HK", "HK-KYT", "Tsim Sha Tsui", 15},
    {"HK", "HK-NST", "Sha Tin", 15},     {"HK", "HK-NTM", "Tuen Mun", 10},
    {"HK", "HK-NYL", "Yuen Long", 10},   {"HK", "HK-KKT", "Kwun Tong", 10},
    {"HK", "HK-HCW", "Central", 15},     {"SG", "SG-01", "Singapore", 40},
    {"SG", "SG-02", "Singapore", 15},    {"SG", "SG-03", "Singapore", 15},
    {"SG", "SG-04", "Singapore", 15},    {"SG", "SG-05", "Singapore", 15},
    {"JP", "JP-13", "Tokyo", 30},        {"JP", "JP-27", "Osaka", 15},
    {"JP", "JP-23", "Nagoya", 10},       {"JP", "JP-14", "Yokohama", 10},
    {"JP", "JP-11", "Saitama", 5},       {"JP", "JP-22", "Hamamatsu", 5},
    {"JP", "JP-08", "Oarai", 5},         {"JP", "JP-40", "Fukuoka", 5},
    {"KR", "KR-11", "Seoul", 25},        {"KR", "KR-41", "Ansan", 25},
    {"KR", "KR-28", "Incheon", 10},      {"KR", "KR-26", "Busan", 15},
    {"KR", "KR-48", "Changwon", 10},     {"KR", "KR-31", "Ulsan", 5},
    {"KR", "KR-27", "Daegu", 10},        {"AE", "AE-DU", "Dubai", 50},
    {"AE", "AE-AZ", "Abu Dhabi", 35},    {"AE", "AE-SH", "Sharjah", 15},
    {"QA", "QA-DA", "Doha", 80},         {"QA", "QA-RA", "Al Rayyan", 20},
    {"US", "US-CA", "Los Angeles", 20},  {"US", "US-CA", "San Francisco", 10},
    {"US", "US-NY", "New York", 20},     {"US", "US-TX", "Houston", 12},
    {"US", "US-IL", "Chicago", 10},      {"US", "US-DC", "Washington", 8},
    {"US", "US-WA", "Seattle", 5},       {"US", "US-PA", "Philadelphia", 8},
    {"AU", "AU-NSW", "Sydney", 35},      {"AU", "AU-VIC", "Melbourne", 30},
    {"AU", "AU-WA", "Perth", 15},        {"AU", "AU-QLD", "Brisbane", 10},
    {"AU", "AU-NT", "Darwin", 5},        {"AU", "AU-ACT", "Canberra", 5},
    {"NL", "NL-ZH", "Den Haag", 30},     {"NL", "NL-NH", "Amsterdam", 30},
    {"NL", "NL-ZH", "Rotterdam", 20},    {"NL", "NL-UT", "Utrecht", 10},
    {"NL", "NL-GE", "Nijmegen", 10},     {"DE", "DE-BE", "Berlin", 30},
    {"DE", "DE-HE", "Frankfurt am Main", 25}, {"DE", "DE-HH", "Hamburg", 20},
    {"DE", "DE-BY", "München", 15},      {"DE", "DE-NW", "Köln", 10},
};

// Share of the diaspora per country, per mille; the remaining 100 are spread evenly over
// every other country some mission serves.
struct CountryShare {
  const char* code;
  uint64_t per_mille;
};
constexpr CountryShare kShares[] = {{"MY", 300}, {"SA", 120}, {"TW", 100}, {"HK", 80},
                                    {"SG", 60},  {"JP", 50},  {"KR", 40},  {"AE", 30},
                                    {"QA", 20},  {"US", 30},  {"AU", 30},  {"NL", 20},
                                    {"DE", 20}};
constexpr uint64_t kRestPerMille = 100;

constexpr const char* kUniversities[][2] = {
    {"MY", "Universiti Malaya"},         {"SA", "King Saud University"},
    {"TW", "National Taiwan University"}, {"HK", "University of Hong Kong"},
    {"SG", "National University of Singapore"}, {"JP", "University of Tokyo"},
    {"KR", "Seoul National University"}, {"AE", "Khalifa University"},
    {"QA", "Qatar University"},          {"US", "University of California"},
    {"AU", "University of Melbourne"},   {"NL", "Leiden University"},
    {"DE", "Technische Universität Berlin"}};

uint64_t SplitMix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Independent hash streams, so that changing how one field is drawn never moves another.
enum Stream : uint64_t {
  kStreamBirth = 1,
  kStreamSex,
  kStreamDistrict,
  kStreamPerson,
  kStreamPhones,
};

// Sequential draws for one person, seeded from (seed, index).
class Draw {
 public:
  explicit Draw(uint64_t state) : s_(state) {}
  uint64_t Next() { return SplitMix(s_ += 0x9E3779B97F4A7C15ull); }
  uint64_t Below(uint64_t n) { return n ? Next() % n : 0; }
  bool Percent(unsigned p) { return Below(100) < p; }
  template <size_t N>
  const char* Pick(const Words<N>& w) { return w[Below(N)]; }

 private:
  uint64_t s_;
};

int64_t DaysOf(const Date& d) { return d.DaysSinceEpoch(); }

// Hinnant's civil_from_days: the date `z` days after 1970-01-01.
Date DateOfDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

std::string DayText(int64_t days) {
  Date d = DateOfDays(days);
  std::string s = "0000-00-00";
  for (int i = 3, y = d.year; i >= 0; --i, y /= 10) s[static_cast<size_t>(i)] = char('0' + y % 10);
  s[5] = char('0' + d.month / 10);
  s[6] = char('0' + d.month % 10);
  s[8] = char('0' + d.day / 10);
  s[9] = char('0' + d.day % 10);
  return s;
}

// The same day `years` later (28 February for 29 February in a common year).
int64_t AddYears(int64_t days, int years) {
  Date d = DateOfDays(days);
  d.year += years;
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  if (d.month == 2 && d.day == 29 && !leap) d.day = 28;
  return DaysOf(d);
}

const int64_t kBirthBase = DaysOf({1960, 1, 1});
const int64_t kToday = DaysOf(kAsOf);

std::string Digits(uint64_t v, int width) {
  std::string s(static_cast<size_t>(width), '0');
  for (int i = width - 1; i >= 0; --i, v /= 10) s[static_cast<size_t>(i)] = char('0' + v % 10);
  return s;
}

std::string StripRegencyKind(const std::string& name) {
  for (std::string_view prefix : {"Kabupaten ", "Kota "}) {
    if (name.rfind(prefix, 0) == 0) return name.substr(prefix.size());
  }
  return name;
}

std::string ExampleNumber(const std::string& region) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber n;
  if (!util.GetExampleNumberForType(region, PhoneNumberUtil::MOBILE, &n) &&
      !util.GetExampleNumberForType(region, PhoneNumberUtil::FIXED_LINE, &n)) {
    return "";
  }
  std::string e164;
  util.Format(n, PhoneNumberUtil::E164, &e164);
  return e164;
}

}  // namespace

Population::Population(const reference::ReferenceService& ref, uint64_t seed)
    : ref_(ref), seed_(seed) {
  BuildRegions();
  BuildCountries();
  if (districts_.empty() || countries_.empty()) {
    throw std::invalid_argument("demo::Population needs the reference data loaded");
  }
}

uint64_t Population::Hash(uint64_t stream, uint64_t value) const {
  return SplitMix(SplitMix(seed_ ^ (stream * 0xD1B54A32D192ED03ull)) + value);
}

void Population::BuildRegions() {
  for (const auto& p : ref_.Provinces()) {
    for (const auto& r : ref_.RegenciesOf(p.code)) {
      const auto regency = static_cast<uint32_t>(regencies_.size());
      regencies_.push_back({r.code, StripRegencyKind(r.name)});
      for (const auto& d : ref_.DistrictsOf(r.code)) {
        std::string digits;
        for (char c : d.code) {
          if (c != '.') digits.push_back(c);
        }
        if (digits.size() == 6) districts_.push_back({digits, regency});
      }
    }
  }
}

Population::CountryPlan Population::Plan(const std::string& code, uint64_t weight) const {
  CountryPlan plan{code, weight, {}, 0, "", {}};
  const std::string example = ExampleNumber(code);
  if (example.empty() || !registry::NormalizePhone(example, code).ok()) return plan;
  plan.phones.push_back(example);
  // Variants of the example that differ in the last three digits and stay valid.
  for (uint64_t k = 0; k < 48 && plan.phones.size() < 16; ++k) {
    std::string v = example;
    std::string tail = Digits(Hash(kStreamPhones, k * 7919 + v.size()) % 1000, 3);
    if (v.size() < 8) break;
    v.replace(v.size() - 3, 3, tail);
    auto ok = registry::NormalizePhone(v, code);
    if (ok.ok() && std::find(plan.phones.begin(), plan.phones.end(), *ok) == plan.phones.end()) {
      plan.phones.push_back(*ok);
    }
  }

  if (!ref_.HasSubdivisions(code)) {
    auto a = ref_.ResolveMission(code, "", "");
    const auto* m = ref_.FindMission(a.mission_code);
    plan.city = m && m->country == code ? m->city : std::string(ref_.CountryName(code, "en"));
    return plan;
  }
  for (const auto& h : kHotspots) {
    if (code == h.country && ref_.SubdivisionExists(h.subdivision)) {
      plan.places.push_back({h.subdivision, h.city, h.weight});
    }
  }
  if (plan.places.empty()) {
    // Most people near a mission (a subdivision named like a mission's city), the rest
    // anywhere: 60% spread over the first, 40% over all.
    const auto& subs = ref_.SubdivisionsOf(code);
    std::vector<std::pair<const reference::Subdivision*, const reference::Mission*>> homes;
    for (const auto& s : subs) {
      auto a = ref_.ResolveMission(code, s.code, "");
      const auto* m = ref_.FindMission(a.mission_code);
      if (!m || m->country != code) continue;
      std::string sub = reference::FoldName(s.name), city = reference::FoldName(m->city);
      if (!sub.empty() && !city.empty() &&
          (sub.find(city) != std::string::npos || city.find(sub) != std::string::npos)) {
        homes.push_back({&s, m});
      }
    }
    const uint64_t n = subs.size(), h = homes.size();
    for (const auto& s : subs) {
      auto home = std::find_if(homes.begin(), homes.end(),
                               [&](const auto& p) { return p.first == &s; });
      bool is_home = home != homes.end();
      uint64_t w = h == 0 ? 1 : (is_home ? 60 * n : 0) + 40 * h;
      plan.places.push_back({s.code, is_home ? home->second->city : s.name, w});
    }
  }
  for (const auto& p : plan.places) plan.places_total += p.weight;
  return plan;
}

void Population::BuildCountries() {
  std::vector<std::string> rest;
  for (const auto& c : ref_.CountriesByName("en")) {
    if (c.code == "ID") continue;
    bool top = std::any_of(std::begin(kShares), std::end(kShares),
                           [&](const CountryShare& s) { return c.code == s.code; });
    if (top) continue;
    if (ref_.ResolveMission(c.code, "", "").note == reference::kNoteHq) continue;
    rest.push_back(c.code);
  }
  std::sort(rest.begin(), rest.end());
  // Weights scaled by the number of other countries so that they stay integers.
  const uint64_t scale = std::max<size_t>(rest.size(), 1);
  for (const auto& s : kShares) {
    if (!ref_.CountryExists(s.code)) continue;
    auto plan = Plan(s.code, s.per_mille * scale);
    if (!plan.phones.empty()) countries_.push_back(std::move(plan));
  }
  for (const auto& code : rest) {
    auto plan = Plan(code, kRestPerMille);
    if (!plan.phones.empty()) countries_.push_back(std::move(plan));
  }
  for (const auto& c : countries_) countries_total_ += c.weight;
}

int64_t Population::BirthDay(uint64_t index) const {
  const uint64_t serial = index % kSerials, q = index / kSerials;
  const uint64_t offset = (q + Hash(kStreamBirth, serial) % kBirthDays) % kBirthDays;
  return kBirthBase + static_cast<int64_t>(offset);
}

bool Population::Female(uint64_t index) const { return Hash(kStreamSex, index) & 1; }

const Population::District& Population::DistrictOf(uint64_t index) const {
  return districts_[Hash(kStreamDistrict, index) % districts_.size()];
}

std::string Population::NikOf(uint64_t index) const {
  Date b = DateOfDays(BirthDay(index));
  std::string nik = DistrictOf(index).digits;
  nik += Digits(b.day + (Female(index) ? 40 : 0), 2);
  nik += Digits(b.month, 2);
  nik += Digits(static_cast<uint64_t>(b.year % 100), 2);
  nik += Digits(index % kSerials + 1, 4);
  return nik;
}

std::optional<uint64_t> Population::IndexOfNik(std::string_view nik) const {
  if (nik.size() != 16 || districts_.empty()) return std::nullopt;
  for (char c : nik) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  auto num = [&](size_t pos, size_t n) {
    uint64_t v = 0;
    for (size_t i = pos; i < pos + n; ++i) v = v * 10 + static_cast<uint64_t>(nik[i] - '0');
    return v;
  };
  uint64_t day = num(6, 2), month = num(8, 2), yy = num(10, 2), serial = num(12, 4);
  if (day > 40) day -= 40;
  if (serial == 0 || serial > kSerials) return std::nullopt;
  int year = static_cast<int>(yy >= 60 ? 1900 + yy : 2000 + yy);
  auto birth = Date::Parse(Digits(static_cast<uint64_t>(year), 4) + "-" + Digits(month, 2) + "-" +
                           Digits(day, 2));
  if (!birth) return std::nullopt;
  const int64_t offset = DaysOf(*birth) - kBirthBase;
  if (offset < 0 || offset >= static_cast<int64_t>(kBirthDays)) return std::nullopt;
  const uint64_t s = serial - 1;
  const uint64_t q = (static_cast<uint64_t>(offset) + kBirthDays - Hash(kStreamBirth, s) % kBirthDays) %
                     kBirthDays;
  const uint64_t index = q * kSerials + s;
  if (NikOf(index) != nik) return std::nullopt;
  return index;
}

LaporDiri Population::Person(uint64_t index) const {
  LaporDiri p;
  Draw d(Hash(kStreamPerson, index));
  const bool female = Female(index);
  const int64_t birth = BirthDay(index);
  const District& district = DistrictOf(index);
  const Regency& regency = regencies_[district.regency];

  // Category first: occupation, education and dates depend on it.
  static constexpr std::array<unsigned, 7> kCategoryWeights = {45, 10, 5, 20, 10, 7, 3};
  uint64_t c = d.Below(100), category = 0;
  while (c >= kCategoryWeights[category]) c -= kCategoryWeights[category++];
  const std::string& cat = registry::kCategories[category];
  const bool informal = d.Percent(female ? 70 : 25);

  auto& id = p.identity;
  id.nik = NikOf(index);
  id.full_name = std::string(female ? d.Pick(kFemaleNames) : d.Pick(kMaleNames)) + " " +
                 d.Pick(kSecondNames);
  id.birth_place = regency.place;
  id.birth_date = DayText(birth);
  id.sex = female ? "P" : "L";
  static constexpr std::array<unsigned, 4> kMaritalWeights = {35, 55, 6, 4};
  uint64_t m = d.Below(100), marital = 0;
  while (m >= kMaritalWeights[marital]) m -= kMaritalWeights[marital++];
  id.marital_status = registry::kMaritalStatuses[marital];
  if (cat == "pmi") {
    id.occupation = informal ? d.Pick(kInformalJobs) : d.Pick(kFormalJobs);
    id.education = registry::kEducationLevels[1 + d.Below(4)];  // sd .. d1_d3
  } else if (cat == "student") {
    id.occupation = "Pelajar/Mahasiswa";
    id.education = registry::kEducationLevels[4 + d.Below(3)];  // d1_d3 .. s2
  } else if (cat == "crew") {
    id.occupation = "Anak buah kapal";
    id.education = registry::kEducationLevels[2 + d.Below(3)];
  } else if (cat == "family") {
    id.occupation = "Mengurus rumah tangga";
    id.education = registry::kEducationLevels[2 + d.Below(4)];
  } else {
    id.occupation = d.Pick(kResidentJobs);
    id.education = registry::kEducationLevels[3 + d.Below(5)];
  }
  id.origin_regency = regency.code;

  // Stay.
  const CountryPlan* plan = &countries_.front();
  for (uint64_t w = d.Below(countries_total_); w >= plan->weight; ++plan) w -= plan->weight;
  auto& s = p.stay;
  s.country = plan->code;
  if (plan->places.empty()) {
    s.city = plan->city;
  } else {
    const Place* place = &plan->places.front();
    for (uint64_t w = d.Below(plan->places_total); w >= place->weight; ++place) {
      w -= place->weight;
    }
    s.subdivision = place->subdivision;
    s.city = place->city;
  }
  s.address = std::string(d.Pick(kStreets)) + " No. " + std::to_string(1 + d.Below(250));
  s.phone = plan->phones[d.Below(plan->phones.size())];
  const int64_t latest = kToday - 1;
  int64_t earliest = std::max(AddYears(birth, 18), kToday - 6 * 365);
  if (cat == "visitor") earliest = std::max(earliest, kToday - 90);
  // Migrant workers' contracts run two or three years: most who are abroad arrived within
  // them, and a few (about one in ten) are past their contract's end, a protection risk.
  if (cat == "pmi") earliest = std::max(earliest, kToday - 2 * 365 - 150);
  const int64_t arrival = earliest + static_cast<int64_t>(d.Below(static_cast<uint64_t>(latest - earliest + 1)));
  s.arrival_date = DayText(arrival);
  s.category = cat;
  if (cat == "pmi") {
    const int64_t end = AddYears(arrival, 2 + static_cast<int>(d.Below(2)));
    s.expected_end_date = DayText(end);
    s.pmi.sector = informal ? "informal" : "formal";
    s.pmi.employer_name = informal ? d.Pick(kFamilyEmployers) : d.Pick(kCompanies);
    s.pmi.employer_address = std::string(d.Pick(kStreets)) + " No. " +
                             std::to_string(1 + d.Below(400)) + ", " + s.city;
    s.pmi.agency = std::string("PT ") + d.Pick(kAgencyFirst) + " " + d.Pick(kAgencySecond);
    s.pmi.contract_end_date = s.expected_end_date;
  } else if (cat == "student") {
    s.expected_end_date = DayText(AddYears(arrival, 2 + static_cast<int>(d.Below(3))));
    s.student.institution = "University of " + s.city;
    for (const auto& u : kUniversities) {
      if (s.country == u[0]) s.student.institution = u[1];
    }
    s.student.programme = d.Pick(kProgrammes);
  } else if (cat == "crew") {
    s.crew.vessel_name = std::string("MV ") + d.Pick(kVessels);
    s.crew.flag_state = d.Pick(kFlagStates);
    s.crew.manning_agency =
        std::string("PT ") + d.Pick(kAgencyFirst) + " " + d.Pick(kAgencySecond) + " Maritim";
  } else if (cat == "visitor") {
    s.expected_end_date = DayText(arrival + 14 + static_cast<int64_t>(d.Below(90)));
  }

  // Passport: issued in the last five years (valid ten years less a day); about 3% were
  // issued eleven years ago and have expired. One renewed abroad names the mission.
  const bool expired = d.Percent(3);
  const int64_t issue = expired ? AddYears(kToday, -11) - static_cast<int64_t>(d.Below(300))
                                : kToday - 1 - static_cast<int64_t>(d.Below(5 * 365));
  static constexpr char kLetters[] = {'C', 'X', 'E', 'B'};
  p.passport.number = std::string(1, kLetters[d.Below(4)]) +
                      Digits((index * 7919 + 1234567) % 10000000, 7);  // a bijection mod 10^7
  p.passport.issue_date = DayText(issue);
  p.passport.expiry_date = DayText(AddYears(issue, 10) - 1);
  p.passport.office = d.Pick(kImmigrationOffices);
  if (issue > arrival) {
    if (const auto* mission = ref_.FindMission(MissionOf(p))) p.passport.office = mission->name;
  }

  // Family, for about a third.
  if (d.Percent(35)) {
    const size_t members = 1 + d.Below(3);
    for (size_t k = 0; k < members; ++k) {
      registry::FamilyMember f;
      const bool spouse = k == 0 && id.marital_status == "kawin";
      const bool other_female = spouse ? !female : d.Percent(50);
      f.name = std::string(other_female ? d.Pick(kFemaleNames) : d.Pick(kMaleNames)) + " " +
               d.Pick(kSecondNames);
      int64_t born;
      if (spouse) {
        f.relation = "spouse";
        born = birth - 5 * 365 + static_cast<int64_t>(d.Below(8 * 365));
      } else if (d.Percent(60) && AddYears(birth, 20) < latest) {
        f.relation = "child";
        const int64_t from = AddYears(birth, 20);
        born = from + static_cast<int64_t>(d.Below(static_cast<uint64_t>(latest - from)));
      } else {
        f.relation = d.Percent(50) ? "parent" : "sibling";
        born = f.relation == "parent" ? AddYears(birth, -20 - static_cast<int>(d.Below(15)))
                                      : birth - 3 * 365 + static_cast<int64_t>(d.Below(6 * 365));
      }
      f.birth_date = DayText(std::min(born, latest));
      p.family.push_back(std::move(f));
    }
  }

  auto& e = p.emergency_contact;
  const bool married = id.marital_status == "kawin";
  const bool contact_female = married ? !female : d.Percent(60);
  e.name = std::string(contact_female ? d.Pick(kFemaleNames) : d.Pick(kMaleNames)) + " " +
           d.Pick(kSecondNames);
  if (married) {
    e.relation = female ? "Suami" : "Istri";
  } else {
    static constexpr Words<2> kFemaleRelations = {"Ibu", "Kakak"};
    static constexpr Words<2> kMaleRelations = {"Ayah", "Adik"};
    e.relation = contact_female ? d.Pick(kFemaleRelations) : d.Pick(kMaleRelations);
  }
  e.phone = "+62812" + Digits(d.Below(100000000), 8);
  return p;
}

std::string Population::MissionOf(const LaporDiri& person) const {
  return ref_.ResolveMission(person.stay.country, person.stay.subdivision, person.stay.city)
      .mission_code;
}

Result<store::CitizenWrite> Population::Write(uint64_t index,
                                              const registry::ValidationContext& ctx,
                                              int64_t now) const {
  return registry::PrepareWrite(Person(index), ctx, ref_, now);
}

}  // namespace peduli::demo
