<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
    <context>
        <name>CliOptions</name>
        <message>
            <source>--%1 expects a whole number from %2 to %3, got "%4".</source>
            <translation>--%1 には %2 から %3 までの整数を指定してください (指定値: 「%4」)。</translation>
        </message>
        <message>
            <source>--%1 expects a number, got "%2".</source>
            <translation>--%1 には数値を指定してください (指定値: 「%2」)。</translation>
        </message>
        <message>
            <source>Dataset: fashion-mnist, cifar10 or image-folder.</source>
            <translation>データセット: fashion-mnist、cifar10、image-folder のいずれか。</translation>
        </message>
        <message>
            <source>name</source>
            <translation>名前</translation>
        </message>
        <message>
            <source>Folder holding the dataset files (default: the installed package's).</source>
            <translation>データセットのファイルがあるフォルダー (既定: インストール済みパッケージのもの)。</translation>
        </message>
        <message>
            <source>folder</source>
            <translation>フォルダー</translation>
        </message>
        <message>
            <source>Image folders: resize every image to WIDTHxHEIGHT (default: keep; sizes must agree).</source>
            <translation>画像フォルダー: すべての画像を 幅x高さ に縮小・拡大します (既定: そのまま。サイズが揃っている必要があります)。</translation>
        </message>
        <message>
            <source>WxH</source>
            <translation>幅x高さ</translation>
        </message>
        <message>
            <source>Image folders: 1 (gray) or 3 (color); default: as the first image.</source>
            <translation>画像フォルダー: 1 (グレー) または 3 (カラー)。既定: 最初の画像に合わせます。</translation>
        </message>
        <message>
            <source>n</source>
            <translation>n</translation>
        </message>
        <message>
            <source>Evaluate on the first N test images only (0: all).</source>
            <translation>先頭 N 枚のテスト画像だけで評価します (0: すべて)。</translation>
        </message>
        <message>
            <source>Compute threads (0: one per core).</source>
            <translation>計算スレッド数 (0: コアごとに 1 つ)。</translation>
        </message>
        <message>
            <source>Where to compute: cpu, cuda or auto.</source>
            <translation>計算に使うデバイス: cpu、cuda、auto。</translation>
        </message>
        <message>
            <source>device</source>
            <translation>デバイス</translation>
        </message>
        <message>
            <source>--image-size expects WIDTHxHEIGHT such as 32x32, got "%1".</source>
            <translation>--image-size には 32x32 のように 幅x高さ を指定してください (指定値: 「%1」)。</translation>
        </message>
        <message>
            <source>Members: %1; ensemble: soft vote %2, majority vote %3, disagreement %4.</source>
            <translation>メンバー: %1。アンサンブル: ソフト投票 %2、多数決 %3、不一致率 %4。</translation>
        </message>
        <message>
            <source>Test accuracy %1 on %2 images.</source>
            <translation>テスト精度 %1 (画像 %2 枚)。</translation>
        </message>
    </context>
    <context>
        <name>ErrorText</name>
        <message>
            <source>Unknown dataset "%1".</source>
            <translation>不明なデータセット「%1」です。</translation>
        </message>
        <message>
            <source>Unknown model "%1".</source>
            <translation>不明なモデル「%1」です。</translation>
        </message>
        <message>
            <source>Unknown device "%1"; use cpu, cuda or auto.</source>
            <translation>不明なデバイス「%1」です。cpu、cuda、auto のいずれかを指定してください。</translation>
        </message>
        <message>
            <source>The dataset file or folder %1 was not found.</source>
            <translation>データセットのファイルまたはフォルダー %1 が見つかりません。</translation>
        </message>
        <message>
            <source>The dataset file %1 cannot be used.</source>
            <translation>データセットのファイル %1 は使用できません。</translation>
        </message>
        <message>
            <source>Cannot write to the output folder %1.</source>
            <translation>出力フォルダー %1 に書き込めません。</translation>
        </message>
        <message>
            <source>Invalid value for %1.</source>
            <translation>%1 の値が不正です。</translation>
        </message>
        <message>
            <source>The device %1 is not available.</source>
            <translation>デバイス %1 は使用できません。</translation>
        </message>
        <message>
            <source>Training failed.</source>
            <translation>学習に失敗しました。</translation>
        </message>
        <message>
            <source>Details: %1</source>
            <translation>詳細: %1</translation>
        </message>
        <message>
            <source>The model file %1 cannot be used.</source>
            <translation>モデルファイル %1 は使用できません。</translation>
        </message>
    </context>
    <context>
        <name>EvaluateCommand</name>
        <message>
            <source>Evaluate model files on a dataset's test split; several files are scored as an ensemble (soft vote).</source>
            <translation>モデルファイルをデータセットのテスト分割で評価します。複数のファイルはアンサンブル (ソフト投票) として評価します。</translation>
        </message>
        <message>
            <source>Print the report as one JSON object.</source>
            <translation>レポートを 1 つの JSON オブジェクトとして出力します。</translation>
        </message>
        <message>
            <source>Model files (.pt) to evaluate.</source>
            <translation>評価するモデルファイル (.pt)。</translation>
        </message>
        <message>
            <source>MODEL...</source>
            <translation>モデル...</translation>
        </message>
        <message>
            <source>give at least one model file.</source>
            <translation>モデルファイルを 1 つ以上指定してください。</translation>
        </message>
    </context>
    <context>
        <name>TrainCommand</name>
        <message>
            <source>Train a model with LibTorch and report loss and test accuracy per epoch.</source>
            <translation>LibTorch でモデルを学習し、エポックごとに損失とテスト精度を表示します。</translation>
        </message>
        <message>
            <source>name</source>
            <translation>名前</translation>
        </message>
        <message>
            <source>folder</source>
            <translation>フォルダー</translation>
        </message>
        <message>
            <source>Model architecture (lenet, alexnet).</source>
            <translation>モデルの構造 (lenet、alexnet)。</translation>
        </message>
        <message>
            <source>Number of passes over the training images.</source>
            <translation>学習画像を何周するか (エポック数)。</translation>
        </message>
        <message>
            <source>n</source>
            <translation>n</translation>
        </message>
        <message>
            <source>Images per optimizer step.</source>
            <translation>1 回の最適化ステップあたりの画像数 (バッチサイズ)。</translation>
        </message>
        <message>
            <source>Learning rate of SGD.</source>
            <translation>SGD の学習率。</translation>
        </message>
        <message>
            <source>rate</source>
            <translation>率</translation>
        </message>
        <message>
            <source>Momentum of SGD.</source>
            <translation>SGD のモーメンタム。</translation>
        </message>
        <message>
            <source>m</source>
            <translation>m</translation>
        </message>
        <message>
            <source>Train on the first N images only (0: all).</source>
            <translation>先頭 N 枚の画像だけで学習します (0: すべて)。</translation>
        </message>
        <message>
            <source>Random seed for initialisation and shuffling.</source>
            <translation>初期化とシャッフルに使う乱数シード。</translation>
        </message>
        <message>
            <source>Folder to save the trained model in (model.pt).</source>
            <translation>学習済みモデル (model.pt) を保存するフォルダー。</translation>
        </message>
        <message>
            <source>Print one JSON object per line instead of text.</source>
            <translation>テキストの代わりに 1 行に 1 つの JSON オブジェクトを出力します。</translation>
        </message>
        <message>
            <source>epoch %1/%2  loss %3  test loss %4  test accuracy %5%  %6 img/s  %7 s</source>
            <translation>エポック %1/%2  損失 %3  テスト損失 %4  テスト精度 %5%  %6 枚/秒  %7 秒</translation>
        </message>
        <message numerus="yes">
            <source>Stopped after %n complete epoch(s).</source>
            <translation>
                <numerusform>%n エポック完了した時点で停止しました。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Done: %n epoch(s), test accuracy %1%, %2 training images/s.</source>
            <translation>
                <numerusform>完了: %n エポック、テスト精度 %1%、学習速度 %2 枚/秒。</numerusform>
            </translation>
        </message>
        <message>
            <source>Saved the model to %1.</source>
            <translation>モデルを %1 に保存しました。</translation>
        </message>
        <message>
            <source>Fine-tune: the model file to start from.</source>
            <translation>追加学習: 開始点とするモデルファイル。</translation>
        </message>
        <message>
            <source>file</source>
            <translation>ファイル</translation>
        </message>
        <message>
            <source>Fine-tune: layers kept fixed: none, features or all-but-head.</source>
            <translation>追加学習: 固定する層: none、features、all-but-head のいずれか。</translation>
        </message>
        <message>
            <source>policy</source>
            <translation>方針</translation>
        </message>
        <message>
            <source>sgd (with momentum) or adam.</source>
            <translation>sgd (モーメンタム付き) または adam。</translation>
        </message>
        <message>
            <source>L2 weight decay.</source>
            <translation>L2 重み減衰。</translation>
        </message>
        <message>
            <source>w</source>
            <translation>w</translation>
        </message>
        <message>
            <source>Learning-rate schedule: constant, step or cosine.</source>
            <translation>学習率スケジュール: constant、step、cosine のいずれか。</translation>
        </message>
        <message>
            <source>Step schedule: epochs between decays.</source>
            <translation>step スケジュール: 減衰の間隔 (エポック数)。</translation>
        </message>
        <message>
            <source>Step schedule: factor applied at each decay.</source>
            <translation>step スケジュール: 減衰ごとに掛ける係数。</translation>
        </message>
        <message>
            <source>f</source>
            <translation>f</translation>
        </message>
        <message>
            <source>Stop after the first epoch whose test accuracy reaches this percentage.</source>
            <translation>テスト精度がこの値 (%) に達したエポックで学習を終了します。</translation>
        </message>
        <message>
            <source>percent</source>
            <translation>パーセント</translation>
        </message>
        <message>
            <source>unexpected argument "%1".</source>
            <translation>想定外の引数「%1」があります。</translation>
        </message>
        <message>
            <source>give --out FOLDER for the pretrained model.</source>
            <translation>事前学習モデルの保存先を --out フォルダー で指定してください。</translation>
        </message>
        <message>
            <source>give --from MODEL, the model file to start from.</source>
            <translation>開始点とするモデルファイルを --from モデル で指定してください。</translation>
        </message>
        <message>
            <source>--from and --freeze belong to tenkai-cli finetune.</source>
            <translation>--from と --freeze は tenkai-cli finetune 用のオプションです。</translation>
        </message>
        <message>
            <source>The dataset's classes differ from the model's: a new classifier head was trained.</source>
            <translation>データセットのクラスがモデルと異なるため、新しい分類層を学習しました。</translation>
        </message>
        <message>
            <source>Reached the target accuracy after %1 s.</source>
            <translation>%1 秒で目標精度に到達しました。</translation>
        </message>
        <message>
            <source>Train an ensemble of N members in parallel (seeds SEED, SEED+1, ...), combined by soft vote.</source>
            <translation>N 個のメンバーからなるアンサンブルを並列に学習し (シード SEED、SEED+1、…)、ソフト投票で統合します。</translation>
        </message>
        <message>
            <source>ensemble  epoch %1/%2  soft vote %3%  majority vote %4%  disagreement %5%  %6 member-img/s</source>
            <translation>アンサンブル  エポック %1/%2  ソフト投票 %3%  多数決 %4%  不一致率 %5%  %6 メンバー枚/秒</translation>
        </message>
        <message>
            <source>member %1  </source>
            <translation>メンバー %1  </translation>
        </message>
        <message>
            <source>Teacher-data policy: a name (geometric, photometric, noise, cutout, heavy, lowlight, mirror-tilt, sensor-noise, ...) or a list such as "hflip:0.5,rotate:10,crop:2". Ensemble members each get a different built-in policy unless this is given.</source>
            <translation>教師データの拡張方針: 名前 (geometric、photometric、noise、cutout、heavy、lowlight、mirror-tilt、sensor-noise など) または "hflip:0.5,rotate:10,crop:2" のような一覧。指定しない場合、アンサンブルの各メンバーには異なる組み込み方針が割り当てられます。</translation>
        </message>
    </context>
    <context>
        <name>tenkai</name>
        <message>
            <source>Tenkai console: design flows, deploy to edge sites and monitor training.</source>
            <translation>Tenkai コンソール: フローを設計し、エッジ拠点へ展開し、学習を監視します。</translation>
        </message>
        <message>
            <source>tenkai: no display found (DISPLAY is not set). Run it in a desktop session, use tenkai-cli for headless work, or set QT_QPA_PLATFORM=offscreen.</source>
            <translation>tenkai: ディスプレイが見つかりません (DISPLAY が設定されていません)。デスクトップ環境で起動するか、画面なしの作業には tenkai-cli を使うか、QT_QPA_PLATFORM=offscreen を設定してください。</translation>
        </message>
    </context>
    <context>
        <name>tenkai::Cli</name>
        <message>
            <source>tenkai-cli: unknown command "%1"; see tenkai-cli --help.</source>
            <translation>tenkai-cli: 不明なコマンド「%1」です。tenkai-cli --help を参照してください。</translation>
        </message>
        <message>
            <source>Usage: tenkai-cli COMMAND [OPTIONS]

Commands:
  train      Train a model on an installed dataset and report each epoch
  pretrain   Train a model on generic data and save it (--out)
  finetune   Fine-tune a saved model (--from) on a site's data
  evaluate   Score saved models, alone or as an ensemble, on a test split

Options:
  -h, --help       Show this help (tenkai-cli COMMAND --help for a command)
  -v, --version    Show versions and the BLAS in use
</source>
            <translation>使い方: tenkai-cli コマンド [オプション]

コマンド:
  train      インストール済みのデータセットでモデルを学習し、エポックごとに結果を表示
  pretrain   汎用データでモデルを事前学習して保存 (--out)
  finetune   保存済みモデル (--from) を拠点のデータで追加学習
  evaluate   保存済みモデルを単独またはアンサンブルとしてテスト分割で評価

オプション:
  -h, --help       このヘルプを表示 (コマンドごとのヘルプは tenkai-cli コマンド --help)
  -v, --version    バージョンと使用中の BLAS を表示
</translation>
        </message>
    </context>
    <context>
        <name>tenkai::Runtime</name>
        <message>
            <source>BLAS: %1 (%2)</source>
            <translation>BLAS: %1 (%2)</translation>
        </message>
        <message>
            <source>CUDA: %1</source>
            <translation>CUDA: %1</translation>
        </message>
        <message>
            <source>available</source>
            <translation>使用可能</translation>
        </message>
        <message>
            <source>not available</source>
            <translation>使用不可</translation>
        </message>
        <message numerus="yes">
            <source>%1, %n thread(s)</source>
            <translation>
                <numerusform>%1、%n スレッド</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>tenkai::Training</name>
        <message>
            <source>Dataset %1: %2 training and %3 test images of %4x%5x%6. Model %7 on %8, %9 compute threads, BLAS: %10.</source>
            <translation>データセット %1: 学習画像 %2 枚、テスト画像 %3 枚 (%4x%5x%6)。モデル %7、デバイス %8、計算スレッド %9、BLAS: %10。</translation>
        </message>
        <message numerus="yes">
            <source>%n ensemble members train in parallel, each with that many threads.</source>
            <translation>
                <numerusform>%n 個のアンサンブルメンバーが並列に学習し、それぞれが上記のスレッド数を使います。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>tenkai::ui::MainWindow</name>
        <message>
            <source>Tenkai</source>
            <translation>Tenkai</translation>
        </message>
        <message>
            <source>Flows</source>
            <translation>フロー</translation>
        </message>
        <message>
            <source>Fleet</source>
            <translation>フリート</translation>
        </message>
        <message>
            <source>Monitor</source>
            <translation>モニター</translation>
        </message>
        <message>
            <source>No flow open</source>
            <translation>開いているフローはありません</translation>
        </message>
        <message>
            <source>Flows describe provisioning, deployment and training as node graphs. The flow editor comes with a later release; until then, train on this computer from the Monitor area.</source>
            <translation>フローは、プロビジョニング・展開・学習をノードグラフとして記述します。フローエディターは今後のリリースで提供されます。それまでは「モニター」からこのコンピューターで学習できます。</translation>
        </message>
        <message>
            <source>No inventory loaded</source>
            <translation>インベントリが読み込まれていません</translation>
        </message>
        <message>
            <source>The fleet lists your edge sites, their state and their daemons once an inventory is loaded.</source>
            <translation>インベントリを読み込むと、エッジ拠点とその状態、デーモンがここに一覧表示されます。</translation>
        </message>
        <message>
            <source>Training started</source>
            <translation>学習を開始しました</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>ファイル(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>終了(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>表示(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Flows</source>
            <translation>フロー(&amp;F)</translation>
        </message>
        <message>
            <source>F&amp;leet</source>
            <translation>フリート(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Monitor</source>
            <translation>モニター(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>ヘルプ(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;About Tenkai</source>
            <translation>Tenkai について(&amp;A)</translation>
        </message>
        <message>
            <source>About Tenkai</source>
            <translation>Tenkai について</translation>
        </message>
        <message>
            <source>Tenkai deploys deep-learning models from the cloud to edge sites, fine-tunes them there and monitors their training.</source>
            <translation>Tenkai は、深層学習モデルをクラウドからエッジ拠点へ展開し、拠点で追加学習させ、その学習を監視します。</translation>
        </message>
        <message>
            <source>Training in progress</source>
            <translation>学習中です</translation>
        </message>
        <message>
            <source>A training is still running. Stop it and quit?</source>
            <translation>学習がまだ実行中です。停止して終了しますか?</translation>
        </message>
    </context>
    <context>
        <name>tenkai::ui::MonitorPage</name>
        <message>
            <source>Fashion-MNIST (installed)</source>
            <translation>Fashion-MNIST (インストール済み)</translation>
        </message>
        <message>
            <source>LeNet-5</source>
            <translation>LeNet-5</translation>
        </message>
        <message>
            <source>AlexNet (small)</source>
            <translation>AlexNet (小型)</translation>
        </message>
        <message>
            <source>all</source>
            <translation>すべて</translation>
        </message>
        <message>
            <source> images</source>
            <translation> 枚</translation>
        </message>
        <message>
            <source>Start training</source>
            <translation>学習を開始</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Dataset</source>
            <translation>データセット</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>モデル</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>エポック数</translation>
        </message>
        <message>
            <source>Training images</source>
            <translation>学習画像数</translation>
        </message>
        <message>
            <source>Ready. Choose a model and start a training on this computer.</source>
            <translation>準備完了。モデルを選んで、このコンピューターで学習を開始してください。</translation>
        </message>
        <message>
            <source>Training messages appear here.</source>
            <translation>学習のメッセージがここに表示されます。</translation>
        </message>
        <message>
            <source>Training on this computer</source>
            <translation>このコンピューターでの学習</translation>
        </message>
        <message>
            <source>Training loss</source>
            <translation>学習損失</translation>
        </message>
        <message>
            <source>Test accuracy (%)</source>
            <translation>テスト精度 (%)</translation>
        </message>
        <message>
            <source>Optimizer step</source>
            <translation>最適化ステップ</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>損失</translation>
        </message>
        <message>
            <source>Accuracy (%)</source>
            <translation>精度 (%)</translation>
        </message>
        <message>
            <source>Loading the dataset...</source>
            <translation>データセットを読み込んでいます...</translation>
        </message>
        <message>
            <source>Stopping after the current step...</source>
            <translation>現在のステップの後で停止します...</translation>
        </message>
        <message>
            <source>Epoch %1: loss %2, test accuracy %3%</source>
            <translation>エポック %1: 損失 %2、テスト精度 %3%</translation>
        </message>
        <message>
            <source>Epoch %1 of %2, %3 images/s</source>
            <translation>エポック %1/%2、%3 枚/秒</translation>
        </message>
        <message>
            <source>test accuracy %1%</source>
            <translation>テスト精度 %1%</translation>
        </message>
        <message numerus="yes">
            <source>Stopped after %n complete epoch(s).</source>
            <translation>
                <numerusform>%n エポック完了した時点で停止しました。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Done: test accuracy %1% after %n epoch(s), %2 images/s.</source>
            <translation>
                <numerusform>完了: %n エポックでテスト精度 %1%、%2 枚/秒。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>tenkaid</name>
        <message>
            <source>Tenkai edge daemon: runs training jobs at an edge site.</source>
            <translation>Tenkai エッジデーモン: エッジ拠点で学習ジョブを実行します。</translation>
        </message>
        <message>
            <source>Show this help and exit.</source>
            <translation>このヘルプを表示して終了します。</translation>
        </message>
        <message>
            <source>Show versions and the BLAS in use, then exit.</source>
            <translation>バージョンと使用中の BLAS を表示して終了します。</translation>
        </message>
        <message>
            <source>tenkaid: the job server is not part of this build yet; use --version or --help.</source>
            <translation>tenkaid: このビルドにはまだジョブサーバーが含まれていません。--version または --help を使ってください。</translation>
        </message>
    </context>
</TS>
