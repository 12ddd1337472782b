// Compiled into every program that links hookscope_core (an INTERFACE source, see
// app/CMakeLists.txt): a static library would drop this file, since nothing refers to it.
//
// By default OpenSSL frees its global state from an atexit() handler. Qt's network threads may
// still be using OpenSSL at that moment: QThread::wait() returns before a thread's thread-local
// destructors have run, and a send or handshake can be finishing while the window closes.
// OpenSSL used after that cleanup crashes in a freed lock (tests/core/TestOpenSslAtExit), and a
// thread that ends after it leaves its error queue and random generator orphaned, which the
// leak checker reports. The process is ending anyway, so OpenSSL is told to leave its state in
// place. The option only counts on the first initialisation, hence a load-time constructor.
#include <openssl/crypto.h>

namespace {

[[gnu::constructor]] void keepOpenSslUntilTheProcessEnds()
{
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
}

} // namespace
