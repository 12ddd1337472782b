#include "dialogs/DiffTableModel.h"

#include "PayloadColors.h"

#include <QFont>

namespace hookscope::ui {

using exchange::DiffEntry;
using exchange::DiffKind;

namespace {

QColor blend(const QColor &base, const QColor &accent, qreal amount)
{
    return QColor::fromRgbF(float(base.redF() + (accent.redF() - base.redF()) * amount),
                            float(base.greenF() + (accent.greenF() - base.greenF()) * amount),
                            float(base.blueF() + (accent.blueF() - base.blueF()) * amount));
}

} // namespace

QString diffKindLabel(const DiffEntry &entry, const QString &leftName, const QString &rightName)
{
    // "added" and "removed" leave the reader to work out where: say which request has it.
    QString label = entry.kind == DiffKind::Added ? DiffTableModel::tr("only in %1").arg(rightName)
        : entry.kind == DiffKind::Removed         ? DiffTableModel::tr("only in %1").arg(leftName)
                                                  : exchange::kindName(entry.kind);
    if (entry.expectedToDiffer)
        label += QStringLiteral(" (expected to differ)");
    return label;
}

DiffTableModel::DiffTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DiffTableModel::setResult(exchange::CaptureDiffResult result)
{
    beginResetModel();
    m_result = std::move(result);
    rebuildRows();
    endResetModel();
}

void DiffTableModel::setShowIdentical(bool show)
{
    if (show == m_showIdentical)
        return;
    beginResetModel();
    m_showIdentical = show;
    rebuildRows();
    endResetModel();
}

void DiffTableModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void DiffTableModel::setRequestNames(const QString &left, const QString &right)
{
    m_leftName = left;
    m_rightName = right;
    Q_EMIT headerDataChanged(Qt::Horizontal, LeftColumn, RightColumn);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, KindColumn), index(int(m_rows.size()) - 1, KindColumn));
}

void DiffTableModel::rebuildRows()
{
    m_rows.clear();
    for (qsizetype i = 0; i < m_result.entries.size(); ++i) {
        const DiffEntry &entry = m_result.entries[i];
        const bool shown = m_result.isDifference(entry) && entry.kind != DiffKind::Derived;
        if (shown || m_showIdentical)
            m_rows.append(int(i));
    }
}

const DiffEntry &DiffTableModel::entryAt(int row) const
{
    return m_result.entries[m_rows[row]];
}

int DiffTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DiffTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QColor DiffTableModel::tintFor(const DiffEntry &entry) const
{
    const bool dark = PayloadColors::isDark(m_palette);
    QColor accent;
    switch (entry.kind) {
    case DiffKind::Added:
        accent = dark ? QColor(0x3f, 0xb9, 0x50) : QColor(0x1a, 0x7f, 0x37);
        break;
    case DiffKind::Removed:
        accent = dark ? QColor(0xf8, 0x51, 0x49) : QColor(0xcf, 0x22, 0x2e);
        break;
    case DiffKind::Changed:
    case DiffKind::TypeChanged:
        accent = dark ? QColor(0xd2, 0x99, 0x22) : QColor(0xbf, 0x87, 0x00);
        break;
    case DiffKind::NumberSpelling:
    case DiffKind::KeyOrder:
        accent = dark ? QColor(0x58, 0xa6, 0xff) : QColor(0x09, 0x69, 0xda);
        break;
    case DiffKind::Identical:
    case DiffKind::Derived:
        return {};
    }
    // A tint of the palette's own base keeps the palette's text colour readable on it.
    return blend(m_palette.color(QPalette::Base), accent,
                 entry.expectedToDiffer ? 0.10 : (dark ? 0.30 : 0.22));
}

QVariant DiffTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DiffEntry &entry = entryAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole: {
        QString text;
        switch (index.column()) {
        case SectionColumn:
            text = exchange::sectionName(entry.section);
            break;
        case PathColumn:
            text = entry.path;
            break;
        case LeftColumn:
            text = entry.kind == DiffKind::Added ? tr("(absent)") : entry.left;
            break;
        case RightColumn:
            text = entry.kind == DiffKind::Removed ? tr("(absent)") : entry.right;
            break;
        case KindColumn:
            text = diffKindLabel(entry, m_leftName, m_rightName);
            break;
        default:
            break;
        }
        if (role == Qt::DisplayRole && text.size() > 300)
            text = text.left(300) + u'…'; // the tooltip has the rest
        if (role == Qt::DisplayRole)
            text.replace(u'\n', u'⏎');
        return text;
    }
    case Qt::BackgroundRole: {
        const QColor tint = tintFor(entry);
        return tint.isValid() ? QVariant(tint) : QVariant();
    }
    case Qt::ForegroundRole:
        if (entry.kind == DiffKind::Identical || entry.kind == DiffKind::Derived
            || entry.expectedToDiffer)
            return m_palette.color(QPalette::PlaceholderText);
        return m_palette.color(QPalette::Text);
    case Qt::FontRole:
        if (entry.expectedToDiffer) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case KindRole:
        return int(entry.kind);
    case ExpectedRole:
        return entry.expectedToDiffer;
    default:
        return {};
    }
}

QVariant DiffTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SectionColumn:
        return tr("Section");
    case PathColumn:
        return tr("Path");
    case LeftColumn:
        return tr("In %1").arg(m_leftName);
    case RightColumn:
        return tr("In %1").arg(m_rightName);
    case KindColumn:
        return tr("Difference");
    default:
        return {};
    }
}

} // namespace hookscope::ui
