// The echo of grpc_generic_echo_ok.cpp, but the completion callback, run by
// one of gRPC's threads, writes the status and the done flag without the
// mutex main reads them under: a data race on both.
// gRPC's own threads time their waits with Abseil's clock, which reads the
// real cycle counter (docs/guide.md): under load, a replay of the finding's
// schedule may diverge, and the corpus test tries it again.
// weft-exec-expect: data_race
// weft-exec-needs: outside timing
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <cassert>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

class echo final : public grpc::CallbackGenericService {
  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext*) override {
    class reactor : public grpc::ServerGenericBidiReactor {
     public:
      reactor() { StartRead(&message_); }
      void OnReadDone(bool ok) override {
        if (ok) {
          StartWriteAndFinish(&message_, grpc::WriteOptions(), grpc::Status::OK);
        } else {
          Finish(grpc::Status::OK);
        }
      }
      void OnDone() override { delete this; }

     private:
      grpc::ByteBuffer message_;
    };
    return new reactor;
  }
};

int main() {
  echo service;
  grpc::ServerBuilder builder;
  builder.RegisterCallbackGenericService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  assert(server);
  grpc::ChannelArguments args;
  grpc::GenericStub stub(server->InProcessChannel(args));
  grpc::Slice hello(std::string("hello"));
  grpc::ByteBuffer request(&hello, 1), response;
  grpc::ClientContext context;
  std::mutex lock;
  std::condition_variable finished;
  bool done = false;
  grpc::Status status;
  stub.UnaryCall(&context, "/echo.Echo/Say", grpc::StubOptions(), &request, &response, [&](grpc::Status s) {
    status = std::move(s);  // the completion's thread writes both without the mutex
    done = true;
    finished.notify_one();
  });
  {
    std::unique_lock<std::mutex> held(lock);
    finished.wait(held, [&] { return done; });
  }
  assert(status.ok());
  std::vector<grpc::Slice> slices;
  assert(response.Dump(&slices).ok());
  std::string echoed;
  for (const grpc::Slice& s : slices) echoed.append(reinterpret_cast<const char*>(s.begin()), s.size());
  assert(echoed == "hello");
  server->Shutdown();
  return 0;
}
