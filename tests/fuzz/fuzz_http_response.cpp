// The answers of the servers Hookscope sends to: whatever bytes come back, the reader must not
// crash, and it must read the same answer however the bytes were cut into reads.
#include "compose/ResponseReader.h"

#include <cstdint>
#include <cstdlib>

using hookscope::compose::ResponseReader;

namespace {

struct Reading {
    ResponseReader::State state;
    int status;
    QByteArray body;
    hookscope::HeaderList headers;
};

// Byte 0: bit 0 a HEAD request, bit 1 the peer closes after the bytes; byte 1: read size.
Reading read(QByteArrayView bytes, bool head, bool closes, qsizetype step)
{
    ResponseReader reader(head);
    for (qsizetype at = 0; at < bytes.size() && reader.state() == ResponseReader::State::NeedMore;
         at += step)
        reader.feed(bytes.sliced(at, qMin(step, bytes.size() - at)));
    if (closes)
        reader.finish();
    if (reader.state() == ResponseReader::State::Complete && reader.status() < 200)
        std::abort(); // an interim answer is never the answer
    return {reader.state(), reader.status(), reader.body(), reader.headers()};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const bool head = data[0] & 1;
    const bool closes = data[0] & 2;
    const qsizetype step = 1 + data[1] % 7;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data) + 2, qsizetype(size) - 2);
    const Reading whole = read(bytes, head, closes, qMax<qsizetype>(1, bytes.size()));
    const Reading pieces = read(bytes, head, closes, step);
    if (whole.state != pieces.state)
        std::abort();
    if (whole.state == ResponseReader::State::Complete
        && (whole.status != pieces.status || whole.body != pieces.body
            || whole.headers != pieces.headers))
        std::abort();
    return 0;
}
