<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>CliOptions</name>
    <message numerus="yes">
        <source>Members on %n test image(s): %1.</source>
        <translation>
            <numerusform>Members on %n test image: %1.</numerusform>
            <numerusform>Members on %n test images: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommandText</name>
    <message numerus="yes">
        <source>Delete %n link(s)</source>
        <translation>
            <numerusform>Delete %n link</numerusform>
            <numerusform>Delete %n links</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>Delete %n node</numerusform>
            <numerusform>Delete %n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>Move %n node</numerusform>
            <numerusform>Move %n nodes</numerusform>
        </translation>
    </message>
</context>
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
    <message numerus="yes">
        <source>The state folder takes writes again (it did not from %1); %n event(s) kept in memory were stored.</source>
        <translation>
            <numerusform>The state folder takes writes again (it did not from %1); %n event kept in memory was stored.</numerusform>
            <numerusform>The state folder takes writes again (it did not from %1); %n events kept in memory were stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step metric(s) were given up to bound the memory used.</source>
        <translation>
            <numerusform>%n step metric was given up to bound the memory used.</numerusform>
            <numerusform>%n step metrics were given up to bound the memory used.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) and %1 run state(s) could not be stored: the state folder still takes no writes. Unfinished runs resume from their checkpoints.</source>
        <translation>
            <numerusform>%n event and %1 run state(s) could not be stored: the state folder still takes no writes. Unfinished runs resume from their checkpoints.</numerusform>
            <numerusform>%n events and %1 run state(s) could not be stored: the state folder still takes no writes. Unfinished runs resume from their checkpoints.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tenkaid is already evaluating %n run(s); ask again when one has answered.</source>
        <translation>
            <numerusform>tenkaid is already evaluating %n run; ask again when it has answered.</numerusform>
            <numerusform>tenkaid is already evaluating %n runs; ask again when one has answered.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tenkaid ended %n time(s) in a row while training this run, before an epoch was done (a crash on its input, or the system ran out of memory); it is not resumed again. Read the daemon&apos;s log; resume_run tries once more.</source>
        <translation>
            <numerusform>tenkaid ended %n time while training this run, before an epoch was done (a crash on its input, or the system ran out of memory); it is not resumed again. Read the daemon&apos;s log; resume_run tries once more.</numerusform>
            <numerusform>tenkaid ended %n times in a row while training this run, before an epoch was done (a crash on its input, or the system ran out of memory); it is not resumed again. Read the daemon&apos;s log; resume_run tries once more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlowExecutorText</name>
    <message numerus="yes">
        <source>The flow has %n problem(s) to fix first; %1</source>
        <translation>
            <numerusform>The flow has %n problem to fix first; %1</numerusform>
            <numerusform>The flow has %n problems to fix first; %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlowStepText</name>
    <message numerus="yes">
        <source>up to date (%n resource(s))</source>
        <translation>
            <numerusform>up to date (%n resource)</numerusform>
            <numerusform>up to date (%n resources)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>would change %1 of %n resource(s)</source>
        <translation>
            <numerusform>would change %1 of %n resource</numerusform>
            <numerusform>would change %1 of %n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>changed %1 of %n resource(s)</source>
        <translation>
            <numerusform>changed %1 of %n resource</numerusform>
            <numerusform>changed %1 of %n resources</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NodeText</name>
    <message numerus="yes">
        <source>%n policies</source>
        <translation>
            <numerusform>%n policy</numerusform>
            <numerusform>%n policies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resources</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SceneText</name>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>Paste %n node</numerusform>
            <numerusform>Paste %n nodes</numerusform>
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
    <message numerus="yes">
        <source>%n ensemble members train as one packed network (grouped layers, one member per group).</source>
        <translation>
            <numerusform>%n ensemble member trains as one packed network (grouped layers, one member per group).</numerusform>
            <numerusform>%n ensemble members train as one packed network (grouped layers, one member per group).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Warning: the training images hold no example of %n of the %1 classes that the test images have (%2): the model cannot learn them and its test accuracy is capped. Give more images (a larger limit) or data with every class.</source>
        <translation>
            <numerusform>Warning: the training images hold no example of %n of the %1 classes that the test images have (%2): the model cannot learn it and its test accuracy is capped. Give more images (a larger limit) or data with every class.</numerusform>
            <numerusform>Warning: the training images hold no example of %n of the %1 classes that the test images have (%2): the model cannot learn them and its test accuracy is capped. Give more images (a larger limit) or data with every class.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tenkai::ui::DeployDialog</name>
    <message numerus="yes">
        <source>%n site(s) are contacted for the first time. Check their host key fingerprints before accepting them (they are then pinned in the workspace&apos;s known_hosts):</source>
        <translation>
            <numerusform>%n site is contacted for the first time. Check its host key fingerprint before accepting it (it is then pinned in the workspace&apos;s known_hosts):</numerusform>
            <numerusform>%n sites are contacted for the first time. Check their host key fingerprints before accepting them (they are then pinned in the workspace&apos;s known_hosts):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %n key(s) and plan again</source>
        <translation>
            <numerusform>Accept %n key and plan again</numerusform>
            <numerusform>Accept %n keys and plan again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plan for %n site(s): %1 step(s) cannot run as things are; see the red cells.</source>
        <translation>
            <numerusform>Plan for %n site: %1 step(s) cannot run as things are; see the red cells.</numerusform>
            <numerusform>Plan for %n sites: %1 step(s) cannot run as things are; see the red cells.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plan for %n site(s): nothing is changed until you click Deploy.</source>
        <translation>
            <numerusform>Plan for %n site: nothing is changed until you click Deploy.</numerusform>
            <numerusform>Plan for %n sites: nothing is changed until you click Deploy.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deploying to %n site(s)…</source>
        <translation>
            <numerusform>Deploying to %n site…</numerusform>
            <numerusform>Deploying to %n sites…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done with %n failed site(s): see the red cells, fix, then retry them.</source>
        <translation>
            <numerusform>Done with %n failed site: see the red cells, fix, then retry it.</numerusform>
            <numerusform>Done with %n failed sites: see the red cells, fix, then retry them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deployed to %n site(s) in %1 s.</source>
        <translation>
            <numerusform>Deployed to %n site in %1 s.</numerusform>
            <numerusform>Deployed to %n sites in %1 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FleetView</name>
    <message numerus="yes">
        <source>&amp;Check %n site(s)</source>
        <translation>
            <numerusform>&amp;Check %n site</numerusform>
            <numerusform>&amp;Check %n sites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking %n site(s)…</source>
        <translation>
            <numerusform>Checking %n site…</numerusform>
            <numerusform>Checking %n sites…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) offered a different host key than the pinned one: nothing was sent to them.</source>
        <translation>
            <numerusform>%n site offered a different host key than the pinned one: nothing was sent to it.</numerusform>
            <numerusform>%n sites offered a different host key than the pinned one: nothing was sent to them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) could not be checked.</source>
        <translation>
            <numerusform>%n site could not be checked.</numerusform>
            <numerusform>%n sites could not be checked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s)</source>
        <translation>
            <numerusform>%n site</numerusform>
            <numerusform>%n sites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>%n shown</numerusform>
            <numerusform>%n shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n daemon(s) running</source>
        <translation>
            <numerusform>%n daemon running</numerusform>
            <numerusform>%n daemons running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n training</source>
        <translation>
            <numerusform>%n training</numerusform>
            <numerusform>%n training</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>checking %n…</source>
        <translation>
            <numerusform>checking %n…</numerusform>
            <numerusform>checking %n…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n site(s).</source>
        <translation>
            <numerusform>Imported %n site.</numerusform>
            <numerusform>Imported %n sites.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n site(s). Some settings have no Tenkai equivalent and were not imported.</source>
        <translation>
            <numerusform>Imported %n site. Some settings have no Tenkai equivalent and were not imported.</numerusform>
            <numerusform>Imported %n sites. Some settings have no Tenkai equivalent and were not imported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FlowProblemList</name>
    <message numerus="yes">
        <source>Problems: %n error(s)</source>
        <translation>
            <numerusform>Problems: %n error</numerusform>
            <numerusform>Problems: %n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation>
            <numerusform>, %n warning</numerusform>
            <numerusform>, %n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FlowPropertyPanel</name>
    <message numerus="yes">
        <source>Select a node to edit its parameters. The flow has %n node(s)</source>
        <translation>
            <numerusform>Select a node to edit its parameters. The flow has %n node</numerusform>
            <numerusform>Select a node to edit its parameters. The flow has %n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n link(s).</source>
        <translation>
            <numerusform> and %n link.</numerusform>
            <numerusform> and %n links.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FlowRunController</name>
    <message numerus="yes">
        <source>Run %1 ended with %n failed step(s).</source>
        <translation>
            <numerusform>Run %1 ended with %n failed step.</numerusform>
            <numerusform>Run %1 ended with %n failed steps.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tenkai::ui::HostKeyDialog</name>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;%n site(s) answered with a host key that no known_hosts file trusts yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Compare each fingerprint with the one the site&apos;s administrator gives you (&lt;code&gt;ssh-keygen -lf&lt;/code&gt; on the host key). Ticked keys are pinned where you choose below; the others stay unknown and those sites are not contacted.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;%n site answered with a host key that no known_hosts file trusts yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Compare each fingerprint with the one the site&apos;s administrator gives you (&lt;code&gt;ssh-keygen -lf&lt;/code&gt; on the host key). Ticked keys are pinned where you choose below; the others stay unknown and those sites are not contacted.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;%n sites answered with a host key that no known_hosts file trusts yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Compare each fingerprint with the one the site&apos;s administrator gives you (&lt;code&gt;ssh-keygen -lf&lt;/code&gt; on the host key). Ticked keys are pinned where you choose below; the others stay unknown and those sites are not contacted.&lt;/p&gt;</numerusform>
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
<context>
    <name>tenkai::ui::SitePanel</name>
    <message numerus="yes">
        <source>paused, %n new event(s) waiting</source>
        <translation>
            <numerusform>paused, %n new event waiting</numerusform>
            <numerusform>paused, %n new events waiting</numerusform>
        </translation>
    </message>
</context>
</TS>
