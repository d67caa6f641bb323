#include "core/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "support/test_db.h"

namespace peduli {
namespace {

TEST(ConfigTest, FileThenEnvironmentOverride) {
  std::string dir = peduli::testing::MakeTempDir();
  std::ofstream(dir + "/p.toml") << "port = 9000\nbase_url = \"https://x.test\"\ndemo = true\n";
  Config c;
  ASSERT_TRUE(ApplyTomlFile(dir + "/p.toml", &c).ok());
  EXPECT_EQ(c.port, 9000);
  EXPECT_TRUE(c.demo);
  setenv("PEDULI_PORT", "9100", 1);
  ASSERT_TRUE(ApplyEnvironment(&c).ok());
  unsetenv("PEDULI_PORT");
  EXPECT_EQ(c.port, 9100);
  EXPECT_EQ(c.BaseUrl(), "https://x.test");
  EXPECT_EQ(c.DatabaseUrl(), "data-dev/peduli.db");
}

TEST(ConfigTest, WrongTypesAreReported) {
  std::string dir = peduli::testing::MakeTempDir();
  std::ofstream(dir + "/bad.toml") << "port = \"eighty\"\n";
  Config c;
  auto s = ApplyTomlFile(dir + "/bad.toml", &c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields[0].field, "port");
  std::ofstream(dir + "/broken.toml") << "port = [\n";
  EXPECT_FALSE(ApplyTomlFile(dir + "/broken.toml", &c).ok());
  setenv("PEDULI_THREADS", "many", 1);
  EXPECT_FALSE(ApplyEnvironment(&c).ok());
  unsetenv("PEDULI_THREADS");
}

}  // namespace
}  // namespace peduli
