#pragma once

#include "json/PayloadTree.h"

namespace hookscope::payload {

// A parameter of a header value such as Content-Type or Content-Disposition
// ("multipart/form-data; boundary=\"xyz\"" -> boundary = xyz); empty when absent.
QByteArray headerParameter(QByteArrayView headerValue, QByteArrayView name);

struct MultipartResult {
    json::PayloadTree tree; // the parts found, even when the body is cut short
    QString error; // empty when the body is well formed
};

// multipart/form-data as a tree: one "part" node per part, keyed by its form name, holding its
// headers (in order), name, filename, size in bytes and, for parts that are not files, the value.
MultipartResult parseMultipart(QByteArrayView contentType, QByteArrayView body);

} // namespace hookscope::payload
