<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>NotesCounts</name>
    <message numerus="yes">
        <location filename="../../desktop/importing/notes_preview.py" line="+69"/>
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n link</numerusform>
            <numerusform>%n links</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n question</numerusform>
            <numerusform>%n questions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n compan(y/ies)</source>
        <translation>
            <numerusform>%n company</numerusform>
            <numerusform>%n companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesPreviewDialog</name>
    <message numerus="yes">
        <location line="+326"/>
        <source>%n resource link(s)</source>
        <translation>
            <numerusform>%n resource link</numerusform>
            <numerusform>%n resource links</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n question</numerusform>
            <numerusform>%n questions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n compan(y/ies)</source>
        <translation>
            <numerusform>%n company</numerusform>
            <numerusform>%n companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n section(s) ignored</source>
        <translation>
            <numerusform>%n section ignored</numerusform>
            <numerusform>%n sections ignored</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message numerus="yes">
        <location filename="../../desktop/preferences/dialog.py" line="+288"/>
        <location line="+1"/>
        <source> day(s)</source>
        <translation>
            <numerusform> day</numerusform>
            <numerusform> days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message numerus="yes">
        <location filename="../../desktop/stats/stats_view.py" line="+270"/>
        <location line="+3"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 in the past year, on %n day(s)</source>
        <translation>
            <numerusform>%1 in the past year, on %n day</numerusform>
            <numerusform>%1 in the past year, on %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n lesson(s) without a duration, counted as %1</source>
        <translation>
            <numerusform>%n lesson without a duration, counted as %1</numerusform>
            <numerusform>%n lessons without a duration, counted as %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message numerus="yes">
        <location filename="../../desktop/planner/today_view.py" line="+382"/>
        <source>Total %1 of %2 budget · %n entry(s)</source>
        <translation>
            <numerusform>Total %1 of %2 budget · %n entry</numerusform>
            <numerusform>Total %1 of %2 budget · %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n more due pass(es) did not fit in the budget.</source>
        <translation>
            <numerusform>%n more due pass did not fit in the budget.</numerusform>
            <numerusform>%n more due passes did not fit in the budget.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+122"/>
        <source>%1: %2 planned in %n entry(s)</source>
        <translation>
            <numerusform>%1: %2 planned in %n entry</numerusform>
            <numerusform>%1: %2 planned in %n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WeeklyBarsChart</name>
    <message numerus="yes">
        <location filename="../../desktop/stats/charts.py" line="+313"/>
        <source>Week of %1: %n pass(es) finished</source>
        <translation>
            <numerusform>Week of %1: %n pass finished</numerusform>
            <numerusform>Week of %1: %n passes finished</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <location filename="../../desktop/i18n.py" line="+418"/>
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/planner/models.py" line="+47"/>
        <source>Overdue %n day(s)</source>
        <translation>
            <numerusform>Overdue %n day</numerusform>
            <numerusform>Overdue %n days</numerusform>
        </translation>
    </message>
</context>
</TS>
