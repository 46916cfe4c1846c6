<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>DaemonCommands</name>
    <message numerus="yes">
        <source>the daemon at %1 could not be reached for %n second(s).</source>
        <translation>
            <numerusform>the daemon at %1 could not be reached for %n second.</numerusform>
            <numerusform>the daemon at %1 could not be reached for %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DaemonText</name>
    <message numerus="yes">
        <source>Run %1 stopped after %n epoch(s).</source>
        <translation>
            <numerusform>Run %1 stopped after %n epoch.</numerusform>
            <numerusform>Run %1 stopped after %n epochs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cannot store %n event(s): %1</source>
        <translation>
            <numerusform>Cannot store %n event: %1</numerusform>
            <numerusform>Cannot store %n events: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tenkaid stopping (%1); %n running run(s) pause and resume at the next start.</source>
        <translation>
            <numerusform>tenkaid stopping (%1); %n running run pauses and resumes at the next start.</numerusform>
            <numerusform>tenkaid stopping (%1); %n running runs pause and resume at the next start.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Run %1: training %2 on %3 images of %4 (%5x%6x%7), testing on %8 images, %n member(s) on %9.</source>
        <translation>
            <numerusform>Run %1: training %2 on %3 images of %4 (%5x%6x%7), testing on %8 images, %n member on %9.</numerusform>
            <numerusform>Run %1: training %2 on %3 images of %4 (%5x%6x%7), testing on %8 images, %n members on %9.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SitesCommand</name>
    <message numerus="yes">
        <source>%1: %n change(s)</source>
        <translation>
            <numerusform>%1: %n change</numerusform>
            <numerusform>%1: %n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing changed: all %n site(s) are in the declared state.</source>
        <translation>
            <numerusform>Nothing changed: %n site is in the declared state.</numerusform>
            <numerusform>Nothing changed: all %n sites are in the declared state.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing to change: all %n site(s) are in the declared state.</source>
        <translation>
            <numerusform>Nothing to change: %n site is in the declared state.</numerusform>
            <numerusform>Nothing to change: all %n sites are in the declared state.</numerusform>
        </translation>
    </message>
</context>
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
