-- Reference data: Indonesian regions (idn-area-data), countries (i18n-iso-countries),
-- their subdivisions, and Indonesia's missions abroad with their jurisdictions.
-- Loaded by the reference module from files; replaced whole when their version changes.
CREATE TABLE reference_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE provinces (
  code TEXT PRIMARY KEY,            -- "32"
  name TEXT NOT NULL
);
CREATE TABLE regencies (
  code TEXT PRIMARY KEY,            -- "32.73"
  province_code TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE districts (
  code TEXT PRIMARY KEY,            -- "32.73.01"
  regency_code TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE countries (
  code TEXT PRIMARY KEY,            -- ISO 3166-1 alpha-2
  name_id TEXT NOT NULL,
  name_en TEXT NOT NULL
);
CREATE TABLE subdivisions (
  code TEXT PRIMARY KEY,            -- ISO 3166-2, "MY-12"
  country TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE INDEX subdivisions_country ON subdivisions (country);
CREATE TABLE missions (
  code TEXT PRIMARY KEY,            -- "KJRI-KOTA-KINABALU"
  type TEXT NOT NULL,               -- KBRI, KJRI, KRI, KDEI, PTRI, HQ
  name TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  timezone TEXT NOT NULL,
  address TEXT,
  phone TEXT,
  notes TEXT
);
-- One row per (mission, country[, subdivision[, city]]) it serves. A row without a
-- subdivision covers the whole country unless a more specific row matches.
CREATE TABLE mission_jurisdictions (
  seq INTEGER NOT NULL,             -- order in data/missions.csv: of equally specific rows the first wins
  mission_code TEXT NOT NULL,
  country TEXT NOT NULL,
  subdivision TEXT,
  city TEXT,
  uncertain INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mission_jurisdictions_country ON mission_jurisdictions (country);
