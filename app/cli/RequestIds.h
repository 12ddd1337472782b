#pragma once

#include <QStringView>

#include <optional>

namespace hookscope::cli {

// A stored request's id as a user gives it to --id: "12", or "#12" as `listen` prints it.
// Nothing when it is not a positive number. Shared by export, verify and replay, so an id
// copied from one is taken by all.
std::optional<qint64> parseRequestId(QStringView text);

} // namespace hookscope::cli
