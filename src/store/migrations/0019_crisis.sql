-- Issue 9: crisis response. A crisis is written by HQ (mission_code NULL) or by a mission's
-- supervisor for its own jurisdiction (mission_code set). Its area is a JSON document:
--   {"countries": ["JP"], "subdivisions": ["MY-12"],
--    "circles": [{"lat": 35.6, "lon": 139.7, "radius_km": 50}],
--    "polygons": [[[lat, lon], [lat, lon], ...]]}
-- and its audience every citizen with an active stay in the area, optionally limited to some
-- stay categories. The audience is fixed when the first alert is sent (crisis_people); later
-- alerts of the same crisis go to the same people.
CREATE TABLE crises (
  id @ID@,
  mission_code TEXT,                     -- NULL: written by HQ
  level TEXT NOT NULL,                   -- information, caution, danger, evacuate
  title_id TEXT NOT NULL,
  title_en TEXT NOT NULL,
  area TEXT NOT NULL,                    -- JSON, see above
  categories TEXT NOT NULL DEFAULT '[]', -- JSON array of stay categories; [] = everyone
  safety_check INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'draft',   -- draft, active, closed
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  activated_at BIGINT,                   -- the first alert was sent
  closed_at BIGINT,
  closed_by BIGINT,
  retain_until BIGINT,                   -- closed_at + retention; answers and call notes go after
  purged_at BIGINT,
  summary TEXT NOT NULL DEFAULT '{}'     -- aggregate counts kept after the purge (JSON)
);
CREATE INDEX crises_state ON crises (state, mission_code);

-- The audience of a crisis, one row per citizen, fixed when the first alert is sent.
-- `placed_by` says how the stay was located: position (shared by the citizen), city
-- (country-state-city coordinates), subdivision, or country. The latest safety status is
-- stored here beside the append-only answers and calls that derive it.
CREATE TABLE crisis_people (
  crisis_id BIGINT NOT NULL REFERENCES crises (id),
  citizen_id BIGINT NOT NULL,
  stay_id BIGINT NOT NULL,
  mission_code TEXT NOT NULL,
  category TEXT NOT NULL,
  subdivision TEXT NOT NULL DEFAULT '',
  placed_by TEXT NOT NULL,               -- position, city, subdivision, country
  vulnerability INTEGER NOT NULL DEFAULT 0,  -- higher first in the call list
  status TEXT NOT NULL DEFAULT 'no_answer',  -- no_answer, safe, needs_help, unreachable, left_area
  status_at BIGINT,
  status_via TEXT NOT NULL DEFAULT '',   -- link, portal, officer, family
  case_id BIGINT,                        -- the protection case "need help" opened
  PRIMARY KEY (crisis_id, citizen_id)
);
CREATE INDEX crisis_people_list ON crisis_people (crisis_id, mission_code, status, vulnerability);
