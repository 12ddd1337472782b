#pragma once

#include "json/PayloadTree.h"

namespace hookscope::payload {

// Decodes one application/x-www-form-urlencoded component: '+' is a space, %XX a byte; a '%'
// not followed by two hex digits is kept as written.
QByteArray decodeFormComponent(QByteArrayView encoded);

// "a=1&b=&a=2&flag" as a tree: an object whose string members keep the order and repeats of the
// pairs (repeated keys stay separate), with keys and values decoded. Empty pairs are skipped.
// A value holding a JSON object or array (GitHub's and Slack's "payload=") becomes a subtree.
json::PayloadTree parseFormUrlEncoded(QByteArrayView body);

// The query of a request target ("/hook?x=1#frag" -> "x=1"); hasQuery tells "/a?" from "/a".
QByteArrayView queryOfTarget(QByteArrayView target, bool *hasQuery = nullptr);

} // namespace hookscope::payload
