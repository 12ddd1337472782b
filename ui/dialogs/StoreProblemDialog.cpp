#include "dialogs/StoreProblemDialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace hookscope::ui {

StoreProblemDialog::StoreProblemDialog(store::OpenFailure failure, const QString &path,
                                       const QString &error, QWidget *parent)
    : QDialog(parent)
    , m_failure(failure)
{
    setObjectName(QStringLiteral("storeProblemDialog"));
    setWindowModality(Qt::WindowModal);

    QString title;
    QString message;
    const QString fileName = QFileInfo(path).fileName();
    switch (failure) {
    case store::OpenFailure::InUse:
        title = tr("Database in use");
        message = tr("The database %1 is open in another Hookscope. Only one Hookscope at a time "
                     "can store requests in a file.\n\nClose the other one and try again, open "
                     "another database, or continue without storing requests.")
                      .arg(path);
        break;
    case store::OpenFailure::Unreadable:
        title = tr("Database cannot be read");
        message = tr("Hookscope cannot read the database %1: it is damaged, not a Hookscope "
                     "database, or from a newer version of Hookscope. Nothing in it was "
                     "changed.\n\nYou can open another database, start a new one in its place "
                     "(the old file is kept, renamed to %2.unreadable-<date>), or continue "
                     "without storing requests.")
                      .arg(path, fileName);
        break;
    default:
        title = tr("Cannot open the database");
        message = tr("Hookscope could not open the database %1.\n\nTry again, open another "
                     "database, or continue without storing requests.")
                      .arg(path);
        break;
    }
    setWindowTitle(title);
    setAccessibleName(title);

    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);

    // Paths and SQLite's words are shown as they are, never as rich text.
    m_messageLabel = new QLabel(message, this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setTextFormat(Qt::PlainText);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailLabel = new QLabel(error, this);
    m_detailLabel->setObjectName(QStringLiteral("detailLabel"));
    m_detailLabel->setTextFormat(Qt::PlainText);
    m_detailLabel->setWordWrap(true);
    m_detailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailLabel->setAccessibleName(tr("Error details"));
    m_detailLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *text = new QVBoxLayout;
    text->addWidget(m_messageLabel);
    text->addWidget(m_detailLabel);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);

    m_buttons = new QDialogButtonBox(this);
    m_buttons->setObjectName(QStringLiteral("choiceButtonBox"));
    QPushButton *preferred = nullptr;
    if (failure != store::OpenFailure::Unreadable)
        preferred
            = addChoice(Choice::TryAgain, tr("&Try Again"), QStringLiteral("tryAgainPushButton"));
    addChoice(Choice::OpenAnother, tr("&Open Another Database…"),
              QStringLiteral("openAnotherPushButton"));
    if (failure == store::OpenFailure::Unreadable)
        addChoice(Choice::StartNew, tr("&Start a New Database"),
                  QStringLiteral("startNewPushButton"));
    QPushButton *without
        = addChoice(Choice::ContinueWithoutStoring, tr("&Continue Without Storing"),
                    QStringLiteral("continueWithoutStoringPushButton"));
    // Nothing destructive is the default: Enter never sets a file aside.
    (preferred ? preferred : without)->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_buttons);

    connect(this, &QDialog::finished, this, [this] { Q_EMIT chosen(m_choice); });
}

QPushButton *StoreProblemDialog::addChoice(Choice choice, const QString &text,
                                           const QString &objectName)
{
    QPushButton *button = m_buttons->addButton(text,
                                               choice == Choice::ContinueWithoutStoring
                                                   ? QDialogButtonBox::RejectRole
                                                   : QDialogButtonBox::ActionRole);
    button->setObjectName(objectName);
    button->setAccessibleName(QString(text).remove(u'&').remove(u'…'));
    button->setAutoDefault(false);
    connect(button, &QPushButton::clicked, this, [this, choice] {
        m_choice = choice;
        done(choice == Choice::ContinueWithoutStoring ? Rejected : Accepted);
    });
    return button;
}

QString StoreProblemDialog::message() const
{
    return m_messageLabel->text() + u'\n' + m_detailLabel->text();
}

} // namespace hookscope::ui
