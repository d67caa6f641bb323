#include "support/server_process.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace peduli::testing {

HttpResult HttpCall(const std::string& method, const std::string& url, const std::string& body,
                    const std::vector<std::string>& headers) {
  HttpResult out;
  CURL* c = curl_easy_init();
  curl_slist* h = nullptr;
  for (const auto& x : headers) h = curl_slist_append(h, x.c_str());
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  if (!body.empty() || method == "POST" || method == "PUT") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, +[](char* p, size_t s, size_t n, void* ud) {
    static_cast<std::string*>(ud)->append(p, s * n);
    return s * n;
  });
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &out);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, +[](char* p, size_t s, size_t n, void* ud) {
    auto* r = static_cast<HttpResult*>(ud);
    std::string line(p, s * n);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& ch : name) ch = static_cast<char>(std::tolower(ch));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
      if (name == "set-cookie") r->set_cookies.push_back(value);
      r->headers[name] = value;
    }
    return s * n;
  });
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  curl_slist_free_all(h);
  curl_easy_cleanup(c);
  return out;
}

int FreePort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  int port = ntohs(a.sin_port);
  close(s);
  return port;
}

ServerProcess::ServerProcess(const std::string& data_dir, const std::string& database,
                             const std::vector<std::string>& extra_args)
    : data_dir_(data_dir) {
  int port = FreePort();
  url_ = "http://127.0.0.1:" + std::to_string(port);
  std::string exe = std::string(PEDULI_BINARY_DIR) + "/peduli";
  std::vector<std::string> args = {exe, "serve", "--port", std::to_string(port), "--data",
                                   data_dir, "--database", database, "--threads", "4"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string log = data_dir + "/server.log";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (posix_spawn(&pid_, exe.c_str(), &fa, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start " + exe);
  }
  posix_spawn_file_actions_destroy(&fa);
  for (int i = 0; i < 300; ++i) {
    if (HttpCall("GET", url_ + "/healthz").status == 200) return;
    int st;
    if (waitpid(pid_, &st, WNOHANG) == pid_) {
      pid_ = -1;
      std::ifstream in(log);
      std::stringstream ss;
      ss << in.rdbuf();
      throw std::runtime_error("server exited at start: " + ss.str());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error("server did not become healthy");
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int st;
    for (int i = 0; i < 100 && waitpid(pid_, &st, WNOHANG) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &st, 0);
  }
}

HttpResult ServerProcess::Json(const std::string& method, const std::string& path,
                               const std::string& token, const std::string& body) const {
  std::vector<std::string> h = {"Content-Type: application/json"};
  if (!token.empty()) h.push_back("Authorization: Bearer " + token);
  return HttpCall(method, url_ + path, body, h);
}

void ServerProcess::PrintLog() const {
  std::ifstream in(data_dir_ + "/server.log");
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("\"event\":\"request\"") == std::string::npos) std::cerr << line << "\n";
  }
}

size_t ServerProcess::MailCount() const {
  std::string dir = data_dir_ + "/mail/new";
  if (!std::filesystem::exists(dir)) return 0;
  size_t n = 0;
  for (auto& e : std::filesystem::directory_iterator(dir)) n += e.is_regular_file();
  return n;
}

std::string ServerProcess::LatestMail() const {
  std::string dir = data_dir_ + "/mail/new";
  if (!std::filesystem::exists(dir)) return "";
  std::filesystem::path newest;
  std::filesystem::file_time_type t{};
  for (auto& e : std::filesystem::directory_iterator(dir)) {
    if (newest.empty() || e.last_write_time() >= t) {
      newest = e.path();
      t = e.last_write_time();
    }
  }
  std::ifstream in(newest, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string raw = ss.str();
  auto sep = raw.find("\r\n\r\n");
  std::string headers = raw.substr(0, sep), b64;
  for (char c : raw.substr(sep + 4)) {
    if (c != '\r' && c != '\n') b64.push_back(c);
  }
  std::string body(b64.size(), '\0');
  size_t len = 0;
  sodium_base642bin(reinterpret_cast<unsigned char*>(body.data()), body.size(), b64.c_str(),
                    b64.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL);
  body.resize(len);
  return headers + "\n\n" + body;
}

std::string TokenFromText(const std::string& text) {
  auto p = text.find("token=");
  if (p == std::string::npos) return "";
  p += 6;
  auto e = p;
  while (e < text.size() && std::isalnum(static_cast<unsigned char>(text[e]))) ++e;
  return text.substr(p, e - p);
}

}  // namespace peduli::testing
