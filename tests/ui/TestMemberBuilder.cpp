#include "compose/MemberBuilder.h"
#include "compose/TemplateLibrary.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// The Patreon v2 member form on its own, over the built-in members:* templates as the composer
// shows them (pretty JSON, {{placeholders}} unexpanded).
class TestMemberBuilder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_form = std::make_unique<ui::MemberBuilder>();
        m_body = templateBody(u"patreon/members:pledge:create"_qs);
        QVERIFY(!m_body.isEmpty());
        QVERIFY(m_form->readBody(m_body));
    }

    void cleanup() { m_form.reset(); }

    void readingTheTemplateFillsTheFields()
    {
        QCOMPARE(m_form->entitledAmountSpinBox()->value(), 500);
        QCOMPARE(m_form->willPayAmountSpinBox()->value(), 500);
        QCOMPARE(m_form->patronStatusComboBox()->currentText(), u"active_patron"_qs);
        QCOMPARE(m_form->lastChargeStatusComboBox()->currentText(), u"Paid"_qs);
        QCOMPARE(m_form->lastChargeDateLineEdit()->text(), u"{{now:ms-offset}}"_qs);
        QCOMPARE(m_form->relationshipStartLineEdit()->text(), u"{{now:ms-offset}}"_qs);
        QCOMPARE(m_form->fullNameLineEdit()->text(), u"Kopi"_qs);
        QCOMPARE(m_form->emailLineEdit()->text(), u"kopi@example.com"_qs);
        QCOMPARE(m_form->tierIdLineEdit()->text(), u"21926235"_qs);
        QVERIFY(m_form->tierIdLineEdit()->isEnabled());
        // The placeholders are no invalid dates, and writing the form back changes nothing.
        QCOMPARE(m_form->validationError(), QString());
        QByteArray body = m_body;
        QString error;
        QVERIFY2(m_form->applyTo(body, &error), qPrintable(error));
        QCOMPARE(body, m_body);
    }

    void aDeletedMemberReadsAsNulls()
    {
        const QByteArray deleted = templateBody(u"patreon/members:delete"_qs);
        QVERIFY(m_form->readBody(deleted));
        QCOMPARE(m_form->patronStatusComboBox()->currentText(), u"null"_qs);
        QCOMPARE(m_form->lastChargeStatusComboBox()->currentText(), u"null"_qs);
        QCOMPARE(m_form->lastChargeDateLineEdit()->text(), QString());
        QCOMPARE(m_form->entitledAmountSpinBox()->value(), 0);
        // Entitled to no tier: nothing to edit there.
        QVERIFY(!m_form->tierIdLineEdit()->isEnabled());
        QByteArray body = deleted;
        QString error;
        QVERIFY2(m_form->applyTo(body, &error), qPrintable(error));
        QCOMPARE(body, deleted);
    }

    void readingEmitsNothingAndOtherBodiesAreRefused()
    {
        QSignalSpy edited(m_form.get(), &ui::MemberBuilder::edited);
        QVERIFY(m_form->readBody(templateBody(u"patreon/members:update"_qs)));
        QCOMPARE(edited.count(), 0);
        QVERIFY(!m_form->accepts(templateBody(u"patreon/pledges:create"_qs)));
        QVERIFY(!m_form->readBody(templateBody(u"patreon/pledges:create"_qs)));
        QVERIFY(!m_form->readBody("not json"));
    }

    // Each edit changes that value's bytes and nothing else.
    void anEditChangesOnlyItsValue_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::newRow("currently_entitled_amount_cents")
            << 0 << QByteArray("\"currently_entitled_amount_cents\": 500")
            << QByteArray("\"currently_entitled_amount_cents\": 1200");
        QTest::newRow("will_pay_amount_cents") << 1 << QByteArray("\"will_pay_amount_cents\": 500")
                                               << QByteArray("\"will_pay_amount_cents\": 1200");
        QTest::newRow("patron_status") << 2 << QByteArray("\"patron_status\": \"active_patron\"")
                                       << QByteArray("\"patron_status\": \"declined_patron\"");
        QTest::newRow("patron_status null")
            << 3 << QByteArray("\"patron_status\": \"active_patron\"")
            << QByteArray("\"patron_status\": null");
        QTest::newRow("last_charge_status")
            << 4 << QByteArray("\"last_charge_status\": \"Paid\"")
            << QByteArray("\"last_charge_status\": \"Refunded by Patreon\"");
        QTest::newRow("last_charge_date")
            << 5 << QByteArray("\"last_charge_date\": \"{{now:ms-offset}}\"")
            << QByteArray("\"last_charge_date\": \"2026-11-01T00:00:00+00:00\"");
        QTest::newRow("last_charge_date null")
            << 6 << QByteArray("\"last_charge_date\": \"{{now:ms-offset}}\"")
            << QByteArray("\"last_charge_date\": null");
        QTest::newRow("full_name")
            << 7 << QByteArray("\"full_name\": \"Kopi\",\n      \"is_")
            << QByteArray("\"full_name\": \"Kopi \\\"K\\\" Luwak\",\n      \"is_");
        QTest::newRow("email") << 8 << QByteArray("\"email\": \"kopi@example.com\"")
                               << QByteArray("\"email\": \"luwak@example.org\"");
    }

    void anEditChangesOnlyItsValue()
    {
        QFETCH(int, field);
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QVERIFY2(m_body.count(from) == 1, from.constData());
        QSignalSpy edited(m_form.get(), &ui::MemberBuilder::edited);
        switch (field) {
        case 0:
            m_form->entitledAmountSpinBox()->setValue(1200);
            break;
        case 1:
            m_form->willPayAmountSpinBox()->setValue(1200);
            break;
        case 2:
            m_form->patronStatusComboBox()->setCurrentText(u"declined_patron"_qs);
            break;
        case 3:
            m_form->patronStatusComboBox()->setCurrentText(u"null"_qs);
            break;
        case 4:
            m_form->lastChargeStatusComboBox()->setCurrentText(u"Refunded by Patreon"_qs);
            break;
        case 5:
            retype(m_form->lastChargeDateLineEdit(), u"2026-11-01T00:00:00+00:00"_qs);
            break;
        case 6:
            retype(m_form->lastChargeDateLineEdit(), QString());
            break;
        case 7:
            retype(m_form->fullNameLineEdit(), u"Kopi \"K\" Luwak"_qs);
            break;
        case 8:
            retype(m_form->emailLineEdit(), u"luwak@example.org"_qs);
            break;
        }
        QVERIFY(edited.count() >= 1);
        QByteArray body = m_body;
        QString error;
        QVERIFY2(m_form->applyTo(body, &error), qPrintable(error));
        QByteArray expected = m_body;
        expected.replace(from, to);
        QCOMPARE(body, expected);
    }

    // A new tier id follows into the tier in "included" (not the campaign's list of tiers).
    void aNewTierIdFollowsIntoIncluded()
    {
        retype(m_form->tierIdLineEdit(), u"4242"_qs);
        QByteArray body = m_body;
        QString error;
        QVERIFY2(m_form->applyTo(body, &error), qPrintable(error));
        QCOMPARE(body.count("\"id\": \"4242\""), 2);
        QCOMPARE(body.count("\"id\": \"21926235\""), 1); // the campaign's tiers
        QCOMPARE(body.size(), m_body.size() + 2 * (4 - 8));
    }

    void invalidInputIsReportedAndLeavesTheBody_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("named");
        QTest::newRow("last_charge_date") << 0 << u"yesterday"_qs << u"last_charge_date"_qs;
        QTest::newRow("pledge_relationship_start")
            << 1 << u"2026-13-45"_qs << u"pledge_relationship_start"_qs;
        QTest::newRow("email") << 2 << u"kopi at example"_qs << u"email"_qs;
        QTest::newRow("tier id") << 3 << QString() << u"tier id"_qs;
    }

    void invalidInputIsReportedAndLeavesTheBody()
    {
        QFETCH(int, field);
        QFETCH(QString, text);
        QFETCH(QString, named);
        QLineEdit *edits[] = {m_form->lastChargeDateLineEdit(), m_form->relationshipStartLineEdit(),
                              m_form->emailLineEdit(), m_form->tierIdLineEdit()};
        retype(edits[field], text);
        QVERIFY(m_form->validationError().contains(named));
        auto *label = m_form->findChild<QLabel *>(u"memberValidationLabel"_qs);
        QVERIFY(label && label->text().contains(named));
        QByteArray body = m_body;
        QString error;
        QVERIFY(!m_form->applyTo(body, &error));
        QVERIFY(error.contains(named));
        QCOMPARE(body, m_body);
    }

private:
    QByteArray templateBody(const QString &name)
    {
        const compose::TemplateLibrary library(m_dir.filePath(u"templates"_qs));
        const std::optional<compose::EventTemplate> found = library.find(name);
        return found ? found->body.toPretty(2) : QByteArray();
    }

    // As a user would: select all, then type (an empty text deletes).
    static void retype(QLineEdit *edit, const QString &text)
    {
        edit->selectAll();
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Delete);
        else
            QTest::keyClicks(edit, text);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ui::MemberBuilder> m_form;
    QByteArray m_body;
};

QTEST_MAIN(TestMemberBuilder)
#include "TestMemberBuilder.moc"
