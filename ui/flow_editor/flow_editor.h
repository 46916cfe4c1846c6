// The flow editor: palette, canvas, property panel and problems list around one FlowGraph and one
// QUndoStack; files (new, open, save, recent, import, export, autosave and recovery); and the
// run-status API the flow executor drives (per node, per site states on the canvas; run and cancel
// requests as signals).
#pragma once

#include "flow/graph.h"
#include "flow/validation.h"
#include "flow_editor/flow_autosave.h"
#include "flow_editor/run_status.h"

#include <QHash>
#include <QWidget>
#include <functional>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QTimer;
class QToolBar;
class QUndoStack;

namespace tenkai::ui {

class FlowPalette;
class FlowProblemList;
class FlowPropertyPanel;
class FlowScene;
class FlowView;

class FlowEditor : public QWidget
{
    Q_OBJECT

public:
    explicit FlowEditor(QWidget *parent = nullptr);
    ~FlowEditor() override;

    flow::FlowGraph *graph() const { return m_graph.get(); }
    FlowScene *scene() const { return m_scene; }
    FlowView *view() const { return m_view; }
    FlowPalette *palette() const { return m_palette; }
    FlowPropertyPanel *properties() const { return m_properties; }
    FlowProblemList *problemList() const { return m_problemList; }
    QUndoStack *undoStack() const { return m_undo; }
    QToolBar *toolBar() const { return m_toolBar; }
    // An action by its object name ("actionSave", "actionRun"...).
    QAction *action(const QString &objectName) const;
    // New, Open, Open recent, Save, Save as, Import, Export image: for the window's File menu.
    QList<QAction *> fileActions() const;
    QMenu *recentMenu() const { return m_recentMenu; }

    // --- Files ---------------------------------------------------------------------------------------
    QString fileName() const { return m_fileName; }
    bool isModified() const;
    // Replaces the flow, without asking (see maybeSave).
    void newFlow();
    bool openFile(const QString &fileName, QString *error = nullptr);
    bool saveTo(const QString &fileName, QString *error = nullptr);
    // Adds the nodes of a flow file to this flow (one undo step).
    bool importFile(const QString &fileName, QString *error = nullptr);
    bool exportImage(const QString &fileName);
    // Asks what to do with unsaved changes; false: the user cancelled.
    bool maybeSave();
    QStringList recentFiles() const;
    // Autosave: how often (ms) while there are unsaved edits, and the copy written now.
    void setAutosaveInterval(int ms);
    bool autosaveNow();
    QString autosavePath() const { return m_autosave.path(); }
    // Opens an autosaved copy left by a crash (the flow is unsaved until saved).
    bool recover(const QString &autosaveFile);
    // Offers every copy a crash left behind (a dialog); call once the window is shown.
    void offerRecovery();

    // --- Validation ----------------------------------------------------------------------------------
    const std::vector<flow::Problem> &problems() const { return m_problems; }
    void validateNow();

    // --- Running (the executor drives these) -----------------------------------------------------------
    void setSiteStatus(const QString &node, const QString &site, SiteRunState state, double progress = 0);
    void setNodeStatuses(const QString &node, const std::vector<SiteRunStatus> &sites);
    std::vector<SiteRunStatus> siteStatuses(const QString &node) const;
    void clearRunStatus();
    // While running, Run / Dry run / Run from selected are disabled and Cancel is enabled.
    void setRunning(bool running);
    bool isRunning() const { return m_running; }

    // Centres the view on a node and selects it.
    void showNode(const QString &id);

Q_SIGNALS:
    // Run (dryRun false), Dry run (true); fromNode: the node to start from, empty for the whole flow.
    void runRequested(bool dryRun, const QString &fromNode);
    void cancelRequested();
    // The user clicked a node's site status (site empty: the node's status as a whole).
    void siteStatusClicked(const QString &node, const QString &site);
    void fileNameChanged(const QString &fileName);
    void modificationChanged(bool modified);
    // A short message for the window's status bar.
    void message(const QString &text);

private:
    void createActions();
    void createToolBar();
    void setGraph(std::unique_ptr<flow::FlowGraph> graph, const QString &fileName);
    void scheduleValidation();
    void updateActions();
    void updateSelection();
    void addRecent(const QString &fileName);
    void rebuildRecentMenu();
    QPointF pastePosition() const;
    void copySelection();
    void paste();
    void addAtCentre(const QString &type);
    void dropType(const QString &type, QPoint globalPos);
    void showContextMenu(QPoint viewportPos);
    bool save();
    bool saveAs();
    void openWithDialog();
    void importWithDialog();
    void exportWithDialog();
    QAction *makeAction(const QString &objectName, const QString &text, const QKeySequence &shortcut,
                        std::function<void()> slot, const QIcon &icon = QIcon());

    std::unique_ptr<flow::FlowGraph> m_graph;
    QUndoStack *m_undo;
    FlowScene *m_scene;
    FlowView *m_view;
    FlowPalette *m_palette;
    FlowPropertyPanel *m_properties;
    FlowProblemList *m_problemList;
    QToolBar *m_toolBar = nullptr;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QHash<QString, QAction *> m_actions;
    QTimer *m_validateTimer;
    QTimer *m_autosaveTimer;
    FlowAutosave m_autosave;
    QString m_fileName;
    std::vector<flow::Problem> m_problems;
    bool m_recovered = false; // opened from an autosaved copy: unsaved whatever the undo stack says
    bool m_autosaveDirty = false;
    bool m_running = false;
};

} // namespace tenkai::ui
