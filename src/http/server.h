#pragma once

#include <memory>
#include <string>

#include <functional>

#include "http/message.h"

namespace peduli::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  size_t threads = 4;  // handlers block on the database and argon2: more than the cores
  size_t max_body_bytes = 1 << 20;
};

// Answers one request; called concurrently from the server's threads.
using RequestHandler = std::function<Response(Request&)>;

// The only place that includes RESTinio. Serves `handler` (usually Pipeline::Handle) until
// Stop(). Bodies over `max_body_bytes` * 4 are refused by RESTinio itself.
class Server {
 public:
  Server(RequestHandler handler, ServerOptions options);
  ~Server();
  // Starts listening; throws std::runtime_error when the port cannot be bound.
  void Start();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peduli::http
