<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>TrainCommand</name>
    <message numerus="yes">
        <source>Stopped after %n complete epoch(s).</source>
        <translation>
            <numerusform>Stopped after %n complete epoch.</numerusform>
            <numerusform>Stopped after %n complete epochs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n epoch(s), test accuracy %1%, %2 training images/s.</source>
        <translation>
            <numerusform>Done: %n epoch, test accuracy %1%, %2 training images/s.</numerusform>
            <numerusform>Done: %n epochs, test accuracy %1%, %2 training images/s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tenkai::Runtime</name>
    <message numerus="yes">
        <source>%1, %n thread(s)</source>
        <translation>
            <numerusform>%1, %n thread</numerusform>
            <numerusform>%1, %n threads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tenkai::Training</name>
    <message numerus="yes">
        <source>%n ensemble members train in parallel, each with that many threads.</source>
        <translation>
            <numerusform>%n ensemble member trains, with that many threads.</numerusform>
            <numerusform>%n ensemble members train in parallel, each with that many threads.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tenkai::ui::MonitorPage</name>
    <message numerus="yes">
        <source>Stopped after %n complete epoch(s).</source>
        <translation>
            <numerusform>Stopped after %n complete epoch.</numerusform>
            <numerusform>Stopped after %n complete epochs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: test accuracy %1% after %n epoch(s), %2 images/s.</source>
        <translation>
            <numerusform>Done: test accuracy %1% after %n epoch, %2 images/s.</numerusform>
            <numerusform>Done: test accuracy %1% after %n epochs, %2 images/s.</numerusform>
        </translation>
    </message>
</context>
</TS>
