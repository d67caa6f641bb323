#pragma once

#include <memory>
#include <string>

#include "http/pipeline.h"

namespace peduli::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  size_t threads = 4;  // handlers block on the database and argon2: more than the cores
};

// The only place that includes RESTinio. Serves `pipeline` until Stop().
class Server {
 public:
  Server(Pipeline* pipeline, ServerOptions options);
  ~Server();
  // Starts listening; throws std::runtime_error when the port cannot be bound.
  void Start();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peduli::http
