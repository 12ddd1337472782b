// libFuzzer target: HAR files (Chrome, Firefox, Charles, Hookscope's own export) into captures,
// as File → Import HAR reads them, then the JSON-aware diff of the first two, as Compare does.
#include "exchange/CaptureDiff.h"
#include "exchange/HarImport.h"

#include <cstdint>
#include <cstdlib>

using namespace hookscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const exchange::HarImportResult result = exchange::importHar(input);
    // Either the whole file is refused with a reason, or every entry is imported or listed.
    if (!result.ok() && !result.captures.isEmpty())
        std::abort();
    if (result.ok() && result.captures.size() + result.entryErrors.size() != result.entryCount)
        std::abort();
    for (const Capture &capture : result.captures) {
        if (capture.method.isEmpty())
            std::abort();
        (void)headerValue(capture.headers, "content-type");
    }
    if (result.captures.size() >= 2) {
        const exchange::CaptureDiffResult diff
            = exchange::diffCaptures(result.captures.at(0), result.captures.at(1));
        (void)diff.summary();
        // A request compared with itself differs in nothing but what is expected to differ.
        const exchange::CaptureDiffResult same
            = exchange::diffCaptures(result.captures.at(0), result.captures.at(0));
        if (same.count(exchange::DiffSection::Body) != 0)
            std::abort();
    }
    return 0;
}
