<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>CatalogueText</name>
    <message>
        <source>expected %1, got %2</source>
        <translation>%1 が必要です (指定値: %2)</translation>
    </message>
    <message>
        <source>integer %1..%2</source>
        <translation>%1〜%2 の整数</translation>
    </message>
    <message>
        <source>number %1..%2</source>
        <translation>%1〜%2 の数値</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true または false</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>%1 のいずれか</translation>
    </message>
    <message>
        <source>text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>a path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>a list of %1..%2 augmentation policies</source>
        <translation>%1〜%2 個のデータ拡張の方針のリスト</translation>
    </message>
    <message>
        <source>expected a policy name or text form, got %1</source>
        <translation>方針の名前またはテキスト形式が必要です (指定値: %1)</translation>
    </message>
    <message>
        <source>a recipe file or a list of resources</source>
        <translation>レシピファイル、またはリソースのリスト</translation>
    </message>
    <message>
        <source>a resource with one of %1</source>
        <translation>%1 のいずれかを持つリソース</translation>
    </message>
    <message>
        <source>expected text, got %1</source>
        <translation>テキストが必要です (指定値: %1)</translation>
    </message>
</context>
<context>
    <name>CliOptions</name>
    <message>
        <source>--%1 expects a whole number from %2 to %3, got &quot;%4&quot;.</source>
        <translation>--%1 には %2 から %3 までの整数を指定してください (指定値: 「%4」)。</translation>
    </message>
    <message>
        <source>--%1 expects a number, got &quot;%2&quot;.</source>
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
        <source>Folder holding the dataset files (default: the installed package&apos;s).</source>
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
        <source>--image-size expects WIDTHxHEIGHT such as 32x32, got &quot;%1&quot;.</source>
        <translation>--image-size には 32x32 のように 幅x高さ を指定してください (指定値: 「%1」)。</translation>
    </message>
    <message>
        <source>Test accuracy %1 on %2 images.</source>
        <translation>テスト精度 %1 (画像 %2 枚)。</translation>
    </message>
    <message>
        <source>Score on N test images: a seeded sample in which every class keeps its share (0: all).</source>
        <translation>N 枚のテスト画像で評価します。すべてのクラスが比率を保つ、シード付きの標本です (0: すべて)。</translation>
    </message>
    <message>
        <source>%1 (95%: %2-%3)</source>
        <translation>%1 (95%: %2〜%3)</translation>
    </message>
    <message numerus="yes">
        <source>Members on %n test image(s): %1.</source>
        <translation>
            <numerusform>メンバー (テスト画像 %n 枚): %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Ensemble: soft vote %1 with weights %2%3, equal weights %4, majority vote %5, disagreement %6.</source>
        <translation>アンサンブル: 重み %2%3 のソフト投票 %1、等しい重み %4、多数決 %5、不一致率 %6。</translation>
    </message>
    <message>
        <source> (fitted on the validation images)</source>
        <translation> (検証画像で推定)</translation>
    </message>
    <message>
        <source> (equal: weights fitted on the validation images voted no better there)</source>
        <translation> (等しい重み: 検証画像で推定した重みは、検証画像でも良い投票になりませんでした)</translation>
    </message>
    <message>
        <source>The member that validation picks, %1 (%2 on %3 validation images), scores %4 on the test images; the ensemble %5 points against it (95%: %6 to %7).</source>
        <translation>検証で選ばれるメンバー %1 (検証画像 %3 枚で %2) のテスト精度は %4 です。アンサンブルとの差は %5 ポイント (95%: %6〜%7) です。</translation>
    </message>
    <message>
        <source>The model as deployed scores %1 on the same test images; training here added %2 points (95%: %3 to %4).</source>
        <translation>デプロイされたままのモデルは同じテスト画像で %1 です。この拠点での学習による向上は %2 ポイント (95%: %3〜%4) です。</translation>
    </message>
</context>
<context>
    <name>CommandText</name>
    <message numerus="yes">
        <source>Delete %n link(s)</source>
        <translation>
            <numerusform>リンク %n 本を削除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>ノード %n 個を削除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>ノード %n 個を移動</numerusform>
        </translation>
    </message>
    <message>
        <source>Link %1 to %2</source>
        <translation>%1 を %2 にリンク</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>%1 を変更</translation>
    </message>
    <message>
        <source>Rename node</source>
        <translation>ノード名を変更</translation>
    </message>
    <message>
        <source>Change targets</source>
        <translation>ターゲットを変更</translation>
    </message>
    <message>
        <source>Rename flow</source>
        <translation>フロー名を変更</translation>
    </message>
</context>
<context>
    <name>DaemonClientText</name>
    <message>
        <source>The connection to the daemon was lost before it answered: %1.</source>
        <translation>デーモンが応答する前に接続が切れました: %1。</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>接続が閉じられました</translation>
    </message>
    <message>
        <source>The daemon at %1 sent a message longer than %2 bytes.</source>
        <translation>%1 のデーモンが %2 バイトを超えるメッセージを送信してきました。</translation>
    </message>
    <message>
        <source>The daemon at %1 sent a message this client cannot read: %2</source>
        <translation>%1 のデーモンから、このクライアントでは読み取れないメッセージを受信しました: %2</translation>
    </message>
    <message>
        <source>The daemon at %1 refused this client: %2</source>
        <translation>%1 のデーモンがこのクライアントを拒否しました: %2</translation>
    </message>
    <message>
        <source>The program at %1 is not a tenkaid (it answered hello with &quot;%2&quot;).</source>
        <translation>%1 のプログラムは tenkaid ではありません (hello に「%2」と応答しました)。</translation>
    </message>
    <message>
        <source>The daemon at %1 refused the subscription: %2</source>
        <translation>%1 のデーモンが購読を拒否しました: %2</translation>
    </message>
    <message>
        <source>The program listening at %1 does not know this site&apos;s token, so it is not the site&apos;s tenkaid (did another program take its port while the daemon was down?). Nothing secret was sent to it.</source>
        <translation>%1 で待ち受けているプログラムはこのサイトのトークンを知らないため、サイトの tenkaid ではありません (デーモンが止まっている間に別のプログラムがそのポートを取りましたか?)。秘密の情報は何も送っていません。</translation>
    </message>
    <message>
        <source>The program listening at %1 welcomed this client without proving that it knows the site&apos;s token, so it is not the site&apos;s tenkaid (or a tenkaid too old for this console: update it).</source>
        <translation>%1 で待ち受けているプログラムは、サイトのトークンを知っていることを証明せずにこのクライアントを受け入れたため、サイトの tenkaid ではありません (またはこのコンソールには古すぎる tenkaid です。更新してください)。</translation>
    </message>
</context>
<context>
    <name>DaemonCommands</name>
    <message>
        <source>Port of a tenkaid on this machine (127.0.0.1).</source>
        <translation>このマシン (127.0.0.1) 上の tenkaid のポート。</translation>
    </message>
    <message>
        <source>port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>The daemon&apos;s state folder, to read its token from (default: %1).</source>
        <translation>トークンの読み取り元となるデーモンの状態フォルダー (既定: %1)。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>File holding the daemon&apos;s token (overrides --state-dir).</source>
        <translation>デーモンのトークンを格納したファイル (--state-dir より優先)。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>say which daemon with --local PORT.</source>
        <translation>--local ポート で対象のデーモンを指定してください。</translation>
    </message>
    <message>
        <source>ensemble</source>
        <translation>アンサンブル</translation>
    </message>
    <message>
        <source>member %1</source>
        <translation>メンバー %1</translation>
    </message>
    <message>
        <source>#%1 %2 %3 epoch %4 step %5: %6 %7</source>
        <translation>#%1 %2 %3 エポック %4 ステップ %5: %6 %7</translation>
    </message>
    <message>
        <source>#%1 %2: %3 (%4)</source>
        <translation>#%1 %2: %3 (%4)</translation>
    </message>
    <message>
        <source>#%1 [%2] %3</source>
        <translation>#%1 [%2] %3</translation>
    </message>
    <message>
        <source>Print a daemon&apos;s events live: metrics, run states and its log, from the start or after a given seq; reconnects by itself and never shows an event twice.</source>
        <translation>デーモンのイベント (メトリクス、ランの状態、ログ) を、最初から、または指定した seq 以降からリアルタイムに表示します。接続が切れても自動で再接続し、同じイベントを二度表示することはありません。</translation>
    </message>
    <message>
        <source>Only this run&apos;s events.</source>
        <translation>このランのイベントだけを表示します。</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Only events after this seq (default 0: everything stored).</source>
        <translation>この seq より後のイベントだけを表示します (既定 0: 保存済みのすべて)。</translation>
    </message>
    <message>
        <source>seq</source>
        <translation>seq</translation>
    </message>
    <message>
        <source>Print each event as one JSON object per line.</source>
        <translation>各イベントを 1 行に 1 つの JSON オブジェクトとして出力します。</translation>
    </message>
    <message>
        <source>With --run: exit when the run ends (status 0 when it is done, 1 otherwise).</source>
        <translation>--run と併用: ランが終わった時点で終了します (完了なら終了ステータス 0、それ以外は 1)。</translation>
    </message>
    <message>
        <source>Exit when the daemon cannot be reached for this many seconds (default 60).</source>
        <translation>デーモンにこの秒数のあいだ接続できなければ終了します (既定 60)。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>--until-done needs --run ID.</source>
        <translation>--until-done には --run ID が必要です。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a run id.</source>
        <translation>「%1」はラン ID ではありません。</translation>
    </message>
    <message>
        <source>%1; reconnecting.</source>
        <translation>%1。再接続します。</translation>
    </message>
    <message>
        <source>Queue a training run at a daemon.</source>
        <translation>学習ランをデーモンのキューに追加します。</translation>
    </message>
    <message>
        <source>The new run&apos;s id (letters, digits, . _ -).</source>
        <translation>新しいランの ID (英字、数字、. _ -)。</translation>
    </message>
    <message>
        <source>The run configuration, a JSON file (docs/protocol.md).</source>
        <translation>ラン設定の JSON ファイル (docs/protocol.md を参照)。</translation>
    </message>
    <message>
        <source>Print the daemon&apos;s reply as JSON.</source>
        <translation>デーモンの応答を JSON で出力します。</translation>
    </message>
    <message>
        <source>say --run-id ID and --config FILE.json.</source>
        <translation>--run-id ID と --config ファイル.json を指定してください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a run id: use 1 to 64 letters, digits, dots, dashes or underscores, not starting with a dot.</source>
        <translation>「%1」はラン ID として使用できません。英字、数字、ドット、ハイフン、アンダースコアからなる 1〜64 文字で、ドットで始まらない ID を指定してください。</translation>
    </message>
    <message>
        <source>cannot read %1: %2.</source>
        <translation>%1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>%1 is not JSON: %2 at offset %3.</source>
        <translation>%1 は JSON として正しくありません: %2 (オフセット %3)。</translation>
    </message>
    <message>
        <source>%1 must hold a JSON object (the run configuration).</source>
        <translation>%1 には JSON オブジェクト (ラン設定) を記述してください。</translation>
    </message>
    <message>
        <source>Run %1 is %2.</source>
        <translation>ラン %1 の状態: %2。</translation>
    </message>
    <message>
        <source>Stop a run at a daemon: a queued run is dropped, a running one stops at its next step.</source>
        <translation>デーモンのランを停止します。キュー内のランは取り消され、実行中のランは次のステップで停止します。</translation>
    </message>
    <message>
        <source>The run to stop.</source>
        <translation>停止するラン。</translation>
    </message>
    <message>
        <source>say which run with --run ID.</source>
        <translation>--run ID で対象のランを指定してください。</translation>
    </message>
    <message>
        <source>The inventory&apos;s site whose daemon to reach: over SSH (its token read there, from --state-dir or the site root&apos;s state folder) or directly for a local site.</source>
        <translation>デーモンに接続するインベントリの拠点。SSH 経由で接続し（トークンは拠点で --state-dir または拠点ルートの状態フォルダーから読みます）、ローカル拠点には直接接続します。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>The inventory file that names the site.</source>
        <translation>拠点を記したインベントリファイル。</translation>
    </message>
    <message>
        <source>The known_hosts file with the sites&apos; pinned host keys (default: beside the inventory; pin new sites with tenkai-cli sites check --accept-new).</source>
        <translation>拠点のホスト鍵をピン留めした known_hosts ファイル（既定: インベントリと同じフォルダー。新しい拠点は tenkai-cli sites check --accept-new でピン留めしてください）。</translation>
    </message>
    <message>
        <source>Read this ssh config instead of ~/.ssh/config.</source>
        <translation>~/.ssh/config の代わりにこの ssh 設定を読みます。</translation>
    </message>
    <message>
        <source>--site needs --inventory FILE.</source>
        <translation>--site には --inventory ファイル が必要です。</translation>
    </message>
    <message>
        <source>the inventory %1 has no site &quot;%2&quot;.</source>
        <translation>インベントリ %1 に拠点「%2」はありません。</translation>
    </message>
    <message>
        <source>give --local PORT or --site NAME, not both.</source>
        <translation>--local ポート と --site 名前 のどちらか一方を指定してください。</translation>
    </message>
    <message>
        <source>say which daemon with --local PORT or --site NAME.</source>
        <translation>--local ポート または --site 名前 で接続先のデーモンを指定してください。</translation>
    </message>
    <message numerus="yes">
        <source>the daemon at %1 could not be reached for %n second(s).</source>
        <translation>
            <numerusform>%1 のデーモンに %n 秒間接続できませんでした。</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue a failed or stopped run at a daemon again: it carries on from its last checkpoint.</source>
        <translation>失敗または停止したランをデーモンのキューに戻します。最後のチェックポイントから続きを学習します。</translation>
    </message>
    <message>
        <source>The run to resume.</source>
        <translation>再開するラン。</translation>
    </message>
    <message>
        <source>%1 holds more than %2 MB: it is not a run configuration.</source>
        <translation>%1 は %2 MB を超えています。実行設定ではありません。</translation>
    </message>
</context>
<context>
    <name>DaemonPackageText</name>
    <message>
        <source>%1 is not installed on this machine</source>
        <translation>このマシンに %1 がインストールされていません</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 が失敗しました</translation>
    </message>
    <message>
        <source>Site %1: %2 failed (status %3): %4</source>
        <translation>拠点 %1: %2 が失敗しました (ステータス %3): %4</translation>
    </message>
    <message>
        <source>Cannot read the package %1: %2.</source>
        <translation>パッケージ %1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>The package %1 has no Package, Version or Architecture field.</source>
        <translation>パッケージ %1 に Package、Version または Architecture フィールドがありません。</translation>
    </message>
    <message>
        <source>Site %1 needs the tenkaid package for %2, and %3 holds none: build it (cpack -G DEB in a build folder, docs/deployment.md) and copy tenkaid_VERSION_%2.deb there.</source>
        <translation>拠点 %1 には %2 用の tenkaid パッケージが必要ですが、%3 にはありません。パッケージをビルドし (ビルドフォルダーで cpack -G DEB、docs/deployment.md を参照)、tenkaid_VERSION_%2.deb をそこにコピーしてください。</translation>
    </message>
    <message>
        <source>Site %1 is %2, and %3 holds tenkaid packages for other architectures only (%4): build tenkaid for %2 (docs/deployment.md) and copy its .deb there.</source>
        <translation>拠点 %1 は %2 ですが、%3 には他のアーキテクチャ用の tenkaid パッケージしかありません (%4)。%2 用の tenkaid をビルドし (docs/deployment.md を参照)、その .deb をそこにコピーしてください。</translation>
    </message>
    <message>
        <source>the package pre-flight</source>
        <translation>パッケージの事前チェック</translation>
    </message>
    <message>
        <source>Site %1 runs %2, without dpkg and apt: the tenkaid package needs Debian. Give the site daemon: binary, or install Debian 12.</source>
        <translation>拠点 %1 は %2 で動作しており、dpkg と apt がありません。tenkaid パッケージには Debian が必要です。拠点に daemon: binary を指定するか、Debian 12 をインストールしてください。</translation>
    </message>
    <message>
        <source>an unknown system</source>
        <translation>不明なシステム</translation>
    </message>
    <message>
        <source>Site %1 is %2, the package %3 is for %4: build tenkaid for %2 (docs/deployment.md).</source>
        <translation>拠点 %1 は %2 ですが、パッケージ %3 は %4 用です。%2 用の tenkaid をビルドしてください (docs/deployment.md を参照)。</translation>
    </message>
    <message>
        <source>Site %1 runs %2, the package %3 was built for Debian %4: upgrade the site to Debian %4, or build the package on the site&apos;s release.</source>
        <translation>拠点 %1 は %2 で動作していますが、パッケージ %3 は Debian %4 向けにビルドされています。拠点を Debian %4 に更新するか、拠点のリリースでパッケージをビルドしてください。</translation>
    </message>
    <message>
        <source>Site %1: the user %2 is not root and cannot use sudo without a password, and installing a package needs one of them: add a sudoers rule for %2 (docs/deployment.md) or log in as root.</source>
        <translation>拠点 %1: ユーザー %2 は root ではなく、パスワードなしで sudo も使えません。パッケージのインストールにはどちらかが必要です。%2 の sudoers ルールを追加するか (docs/deployment.md を参照)、root でログインしてください。</translation>
    </message>
    <message>
        <source>Site %1: its root &quot;%2&quot; is in a home folder, which the packaged service (user tenkai, ProtectHome) cannot read: give the site an absolute root outside /home, such as /srv/tenkai.</source>
        <translation>拠点 %1: ルート「%2」がホームフォルダー内にあり、パッケージのサービス (ユーザー tenkai、ProtectHome) からは読めません。/srv/tenkai のような /home の外の絶対パスをルートに指定してください。</translation>
    </message>
    <message>
        <source>Site %1: its root %2 exists and is not a folder.</source>
        <translation>拠点 %1: ルート %2 が存在しますが、フォルダーではありません。</translation>
    </message>
    <message>
        <source>Site %1 has %2 free, and installing tenkaid with its dependencies needs about %3: free some space first.</source>
        <translation>拠点 %1 の空き容量は %2 ですが、tenkaid と依存パッケージのインストールには約 %3 必要です。先に空き容量を確保してください。</translation>
    </message>
    <message>
        <source>Site %1: apt finds no %2 (needed by tenkaid): add a Debian %3 mirror to its apt sources, or give it an offline bundle (scripts/make-offline-bundle.sh, docs/deployment.md).</source>
        <translation>拠点 %1: apt が %2 (tenkaid に必要) を見つけられません。apt のソースに Debian %3 のミラーを追加するか、オフラインバンドルを用意してください (scripts/make-offline-bundle.sh、docs/deployment.md を参照)。</translation>
    </message>
    <message>
        <source>Site %1: apt cannot install tenkaid&apos;s dependencies: %2</source>
        <translation>拠点 %1: apt が tenkaid の依存パッケージをインストールできません: %2</translation>
    </message>
    <message>
        <source>Site %1: cancelled.</source>
        <translation>拠点 %1: キャンセルされました。</translation>
    </message>
    <message>
        <source>an unknown architecture</source>
        <translation>不明なアーキテクチャ</translation>
    </message>
    <message>
        <source>pre-flight: %1, %2, %3 as %4; tenkaid %5; systemd %6; %7 free</source>
        <translation>事前チェック: %1、%2、%4 として %3。tenkaid %5。systemd %6。空き %7</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未インストール</translation>
    </message>
    <message>
        <source>running</source>
        <translation>動作中</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>the offline bundle %1</source>
        <translation>オフラインバンドル %1</translation>
    </message>
    <message>
        <source>the site&apos;s apt sources</source>
        <translation>拠点の apt ソース</translation>
    </message>
    <message>
        <source>tenkaid %1 is installed; would check its service</source>
        <translation>tenkaid %1 はインストール済みです。サービスを確認します (ドライラン)</translation>
    </message>
    <message>
        <source>would install tenkaid %1 from %2 (%3)</source>
        <translation>%2 から tenkaid %1 をインストールします (%3、ドライラン)</translation>
    </message>
    <message>
        <source>Cannot pack the offline bundle %1: %2.</source>
        <translation>オフラインバンドル %1 をまとめられません: %2。</translation>
    </message>
    <message>
        <source>uploading the offline bundle %1 (%2)</source>
        <translation>オフラインバンドル %1 をアップロードしています (%2)</translation>
    </message>
    <message>
        <source>Site %1: installing tenkaid from the offline bundle failed: %2</source>
        <translation>拠点 %1: オフラインバンドルからの tenkaid のインストールに失敗しました: %2</translation>
    </message>
    <message>
        <source>apt has no package lists yet: apt-get update</source>
        <translation>apt にパッケージリストがまだありません: apt-get update を実行します</translation>
    </message>
    <message>
        <source>apt-get update</source>
        <translation>apt-get update</translation>
    </message>
    <message>
        <source>installing tenkaid %1 from %2 with apt (%3 to download and install)</source>
        <translation>apt で %2 から tenkaid %1 をインストールしています (ダウンロードとインストールで %3)</translation>
    </message>
    <message>
        <source>size unknown</source>
        <translation>サイズ不明</translation>
    </message>
    <message>
        <source>Site %1: apt-get could not install tenkaid: %2</source>
        <translation>拠点 %1: apt-get が tenkaid をインストールできませんでした: %2</translation>
    </message>
    <message>
        <source>installed tenkaid %1 from %2</source>
        <translation>%2 から tenkaid %1 をインストールしました</translation>
    </message>
    <message>
        <source>upgraded tenkaid %1 to %2 from %3</source>
        <translation>%3 から tenkaid を %1 から %2 に更新しました</translation>
    </message>
    <message>
        <source>starting the tenkaid service</source>
        <translation>tenkaid サービスの起動</translation>
    </message>
    <message>
        <source>added %1 to the group tenkai</source>
        <translation>%1 をグループ tenkai に追加しました</translation>
    </message>
    <message>
        <source>site root %1 shared with the group tenkai</source>
        <translation>拠点ルート %1 をグループ tenkai と共有しました</translation>
    </message>
    <message>
        <source>service %1 on port %2</source>
        <translation>サービスをポート %2 で%1</translation>
    </message>
    <message>
        <source>started</source>
        <translation>起動しました</translation>
    </message>
    <message>
        <source>restarted</source>
        <translation>再起動しました</translation>
    </message>
    <message>
        <source>tenkaid %1 installed and its service answering on port %2</source>
        <translation>tenkaid %1 はインストール済みで、サービスがポート %2 で応答しています</translation>
    </message>
    <message>
        <source>service port set to %1 in /etc/default/tenkaid</source>
        <translation>/etc/default/tenkaid でサービスのポートを %1 に設定</translation>
    </message>
</context>
<context>
    <name>DaemonText</name>
    <message>
        <source>No hello arrived within %1 seconds; closing the connection.</source>
        <translation>%1 秒以内に hello が届かなかったため、接続を閉じます。</translation>
    </message>
    <message>
        <source>Dropping the client at %1: it has stopped reading its replies.</source>
        <translation>%1 のクライアントを切断します: 応答を読み取らなくなりました。</translation>
    </message>
    <message>
        <source>A message is longer than the limit of %1 bytes; it was skipped.</source>
        <translation>メッセージが上限の %1 バイトを超えているため、スキップしました。</translation>
    </message>
    <message>
        <source>Too many requests: at most %1 a second; this one was not acted on.</source>
        <translation>リクエストが多すぎます (上限は毎秒 %1 件)。このリクエストは処理しませんでした。</translation>
    </message>
    <message>
        <source>Refused a client at %1: wrong token.</source>
        <translation>%1 のクライアントを拒否しました: トークンが正しくありません。</translation>
    </message>
    <message>
        <source>The token is not this daemon&apos;s; closing the connection (the token is in the daemon&apos;s state folder, file &quot;token&quot;).</source>
        <translation>トークンがこのデーモンのものではないため、接続を閉じます (トークンはデーモンの状態フォルダー内のファイル &quot;token&quot; にあります)。</translation>
    </message>
    <message>
        <source>Say hello with the daemon&apos;s token before &quot;%1&quot;.</source>
        <translation>「%1」の前に、デーモンのトークンを付けて hello を送信してください。</translation>
    </message>
    <message>
        <source>--listen expects a loopback address such as 127.0.0.1, got &quot;%1&quot;.</source>
        <translation>--listen には 127.0.0.1 のようなループバックアドレスを指定してください (指定値: 「%1」)。</translation>
    </message>
    <message>
        <source>--listen %1 is refused: tenkaid listens on the loopback address only (127.0.0.1 or ::1), and consoles reach a remote site&apos;s daemon through SSH.</source>
        <translation>--listen %1 は指定できません: tenkaid はループバックアドレス (127.0.0.1 または ::1) でのみ待ち受けます。リモート拠点のデーモンには、コンソールから SSH 経由で接続します。</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3.</source>
        <translation>%1 のポート %2 で待ち受けできません: %3。</translation>
    </message>
    <message>
        <source>tenkaid %1 (site %2) listening on %3 port %4, state in %5, pid %6.</source>
        <translation>tenkaid %1 (拠点 %2) が %3 のポート %4 で待ち受けています。状態フォルダー: %5、PID: %6。</translation>
    </message>
    <message>
        <source>tenkaid %1 started at site %2.</source>
        <translation>tenkaid %1 を拠点 %2 で起動しました。</translation>
    </message>
    <message>
        <source>The daemon is stopping; try again when it is back.</source>
        <translation>デーモンは停止処理中です。デーモンが再起動してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The daemon already serves %1 connections; try again later.</source>
        <translation>デーモンはすでに %1 件の接続を処理しています。しばらくしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>Client %1 (%2) connected.</source>
        <translation>クライアント %1 (%2) が接続しました。</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>名前なし</translation>
    </message>
    <message>
        <source>There is no run &quot;%1&quot; at this site.</source>
        <translation>この拠点にラン「%1」はありません。</translation>
    </message>
    <message>
        <source>The daemon is stopping and takes no new runs.</source>
        <translation>デーモンは停止処理中のため、新しいランを受け付けません。</translation>
    </message>
    <message>
        <source>A run &quot;%1&quot; already exists at this site; choose another run id.</source>
        <translation>この拠点にはラン「%1」がすでに存在します。別のラン ID を指定してください。</translation>
    </message>
    <message>
        <source>The run could not be recorded: %1.</source>
        <translation>ランを記録できませんでした: %1。</translation>
    </message>
    <message>
        <source>Run %1 queued (%2 on %3).</source>
        <translation>ラン %1 をキューに追加しました (モデル %2、データセット %3)。</translation>
    </message>
    <message>
        <source>Run %1 has already ended (%2).</source>
        <translation>ラン %1 はすでに終了しています (%2)。</translation>
    </message>
    <message>
        <source>Run %1: stop requested.</source>
        <translation>ラン %1: 停止を要求しました。</translation>
    </message>
    <message>
        <source>Run %1 failed and has no report: %2</source>
        <translation>ラン %1 は失敗したため、レポートはありません: %2</translation>
    </message>
    <message>
        <source>Run %1 was stopped before it finished and has no report.</source>
        <translation>ラン %1 は完了前に停止されたため、レポートはありません。</translation>
    </message>
    <message>
        <source>Run %1 is %2 (%3 done); its report comes when it is done.</source>
        <translation>ラン %1 の状態は %2 です (進捗 %3)。レポートは完了後に取得できます。</translation>
    </message>
    <message>
        <source>Run %1 was interrupted at %2; it resumes from its last checkpoint.</source>
        <translation>ラン %1 は %2 の時点で中断されました。最後のチェックポイントから再開します。</translation>
    </message>
    <message>
        <source>Run %1 resumes.</source>
        <translation>ラン %1 を再開します。</translation>
    </message>
    <message>
        <source>Run %1 starts.</source>
        <translation>ラン %1 を開始します。</translation>
    </message>
    <message>
        <source>Run %1 failed: %2</source>
        <translation>ラン %1 が失敗しました: %2</translation>
    </message>
    <message>
        <source>Run %1 paused at %2 by the daemon stopping; it resumes from its last checkpoint at the next start.</source>
        <translation>デーモンの停止に伴い、ラン %1 を %2 の時点で一時停止しました。次回起動時に最後のチェックポイントから再開します。</translation>
    </message>
    <message numerus="yes">
        <source>Run %1 stopped after %n epoch(s).</source>
        <translation>
            <numerusform>ラン %1 は %n エポック完了した時点で停止しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1 done: test accuracy %2.</source>
        <translation>ラン %1 が完了しました: テスト精度 %2。</translation>
    </message>
    <message numerus="yes">
        <source>tenkaid stopping (%1); %n running run(s) pause and resume at the next start.</source>
        <translation>
            <numerusform>tenkaid を停止します (%1)。実行中の %n 件のランは一時停止し、次回起動時に再開します。</numerusform>
        </translation>
    </message>
    <message>
        <source>tenkaid stopped.</source>
        <translation>tenkaid を停止しました。</translation>
    </message>
    <message numerus="yes">
        <source>Run %1: training %2 on %3 images of %4 (%5x%6x%7), testing on %8 images, %n member(s) on %9.</source>
        <translation>
            <numerusform>ラン %1: %2 を %4 の画像 %3 枚 (%5x%6x%7) で学習し、画像 %8 枚でテストします。メンバー %n 個、デバイス %9。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1 left no model files to evaluate.</source>
        <translation>ラン %1 には評価できるモデルファイルが残っていません。</translation>
    </message>
    <message>
        <source>Evaluating run %1 on %2.</source>
        <translation>ラン %1 を %2 で評価しています。</translation>
    </message>
    <message>
        <source>Evaluating run %1 on %2 failed: %3</source>
        <translation>ラン %1 の %2 での評価に失敗しました: %3</translation>
    </message>
    <message>
        <source>The members train as one packed network of grouped layers.</source>
        <translation>メンバーはグループ化した層による 1 つのパックド ネットワークとして学習します。</translation>
    </message>
    <message>
        <source>Run %1 is %2; only a failed or stopped run can be resumed.</source>
        <translation>ラン %1 は %2 です。再開できるのは失敗または停止したランだけです。</translation>
    </message>
    <message>
        <source>Run %1 (%2 at %3) is queued again; it resumes from its last checkpoint.</source>
        <translation>ラン %1 (%3 で %2) をキューに戻しました。最後のチェックポイントから再開します。</translation>
    </message>
    <message>
        <source>The state folder %1 takes no writes (%2); events and run states are kept in memory and stored as soon as it does again.</source>
        <translation>状態フォルダー %1 に書き込めません (%2)。イベントとランの状態はメモリーに保持し、書き込めるようになり次第保存します。</translation>
    </message>
    <message numerus="yes">
        <source>The state folder takes writes again (it did not from %1); %n event(s) kept in memory were stored.</source>
        <translation>
            <numerusform>状態フォルダーに再び書き込めるようになりました (%1 から書き込めませんでした)。メモリーに保持していたイベント %n 件を保存しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step metric(s) were given up to bound the memory used.</source>
        <translation>
            <numerusform>メモリー使用量を抑えるため、ステップのメトリクス %n 件を破棄しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) and %1 run state(s) could not be stored: the state folder still takes no writes. Unfinished runs resume from their checkpoints.</source>
        <translation>
            <numerusform>イベント %n 件とランの状態 %1 件を保存できませんでした。状態フォルダーにまだ書き込めません。未完了のランはチェックポイントから再開します。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tenkaid is already evaluating %n run(s); ask again when one has answered.</source>
        <translation>
            <numerusform>tenkaid はすでに %n 件の実行を評価中です。どれかが応答してから、もう一度依頼してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tenkaid ended %n time(s) in a row while training this run, before an epoch was done (a crash on its input, or the system ran out of memory); it is not resumed again. Read the daemon&apos;s log; resume_run tries once more.</source>
        <translation>
            <numerusform>この実行の学習中、エポックが一つも終わらないうちに tenkaid が %n 回続けて終了しました (入力によるクラッシュ、またはシステムのメモリ不足)。これ以上自動では再開しません。デーモンのログを確認してください。resume_run でもう一度だけ試せます。</numerusform>
        </translation>
    </message>
    <message>
        <source>This connection has already said hello.</source>
        <translation>この接続はすでに hello を送っています。</translation>
    </message>
    <message>
        <source>Say hello with a nonce first; the answer is to the daemon&apos;s challenge.</source>
        <translation>先に nonce 付きの hello を送ってください。answer はデーモンのチャレンジへの応答です。</translation>
    </message>
    <message>
        <source>%1 connections of this user are already waiting for their hello; try again when they have said it or gone.</source>
        <translation>このユーザーの接続がすでに %1 件 hello を待っています。それらが hello を送るか切断してから、もう一度試してください。</translation>
    </message>
    <message>
        <source>%1 of its images are held out for validation.</source>
        <translation>そのうち %1 枚を検証用に取り分けています。</translation>
    </message>
</context>
<context>
    <name>DataCommands</name>
    <message>
        <source>  %1% written</source>
        <translation>  %1% 書き込み済み</translation>
    </message>
    <message>
        <source>Write generated teacher data: augmented copies of a dataset&apos;s training images as an image folder per policy (train/ and test/ class folders, classes.txt, policy.txt) with a preview grid (preview.png).</source>
        <translation>生成した教師データを書き出します: データセットの学習画像を拡張したコピーを、方針ごとに画像フォルダー (train/ と test/ のクラスフォルダー、classes.txt、policy.txt) として書き出し、プレビューグリッド (preview.png) も作成します。</translation>
    </message>
    <message>
        <source>Augmentation policy: a name (geometric, photometric, heavy, ...) or a list such as &quot;hflip:0.5,rotate:10&quot;. Give it several times for several policies.</source>
        <translation>データ拡張の方針: 名前 (geometric、photometric、heavy など) または &quot;hflip:0.5,rotate:10&quot; のような一覧。複数の方針を使うには複数回指定します。</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>方針</translation>
    </message>
    <message>
        <source>Augmented copies of every training image.</source>
        <translation>学習画像 1 枚あたりに作成する拡張コピーの数。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Use the first N training images only (0: all).</source>
        <translation>先頭 N 枚の学習画像だけを使います (0: すべて)。</translation>
    </message>
    <message>
        <source>Random seed of the augmentation.</source>
        <translation>データ拡張の乱数シード。</translation>
    </message>
    <message>
        <source>Folder to write to (one subfolder per policy).</source>
        <translation>書き出し先のフォルダー (方針ごとにサブフォルダーを作成します)。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>結果を JSON で出力します。</translation>
    </message>
    <message>
        <source>give --policy P and --out FOLDER.</source>
        <translation>--policy P と --out フォルダー を指定してください。</translation>
    </message>
    <message>
        <source>Policy %1 (%2): %3 training images in %4, preview %5</source>
        <translation>方針 %1 (%2): 学習画像 %3 枚を %4 に出力、プレビュー %5</translation>
    </message>
    <message>
        <source>Done in %1 s (%2 images/s).</source>
        <translation>完了しました (%1 秒、%2 枚/秒)。</translation>
    </message>
    <message>
        <source>Make the demo scenario from the installed Fashion-MNIST: a clean generic set for pretraining in the cloud and, per site, labelled images under that site&apos;s own capture conditions with their own test split.</source>
        <translation>インストール済みの Fashion-MNIST からデモシナリオを作成します: クラウドでの事前学習用のクリーンな汎用セットと、拠点ごとに、その拠点固有の撮影条件で撮られたラベル付き画像 (拠点ごとのテスト分割付き) を作成します。</translation>
    </message>
    <message>
        <source>Number of edge sites.</source>
        <translation>エッジ拠点の数。</translation>
    </message>
    <message>
        <source>Folder to create (it must not exist or be empty).</source>
        <translation>作成するフォルダー (存在しないか、空である必要があります)。</translation>
    </message>
    <message>
        <source>Fashion-MNIST&apos;s IDX files (default: the installed package).</source>
        <translation>Fashion-MNIST の IDX ファイル (既定: インストール済みパッケージのもの)。</translation>
    </message>
    <message>
        <source>Training images in the generic set.</source>
        <translation>汎用セットの学習画像数。</translation>
    </message>
    <message>
        <source>Training images per site (0: up to 1,000).</source>
        <translation>拠点ごとの学習画像数 (0: 最大 1,000 枚)。</translation>
    </message>
    <message>
        <source>Test images per site (0: up to 500).</source>
        <translation>拠点ごとのテスト画像数 (0: 最大 500 枚)。</translation>
    </message>
    <message>
        <source>Random seed of the capture conditions.</source>
        <translation>撮影条件の乱数シード。</translation>
    </message>
    <message>
        <source>give --out FOLDER.</source>
        <translation>--out フォルダー を指定してください。</translation>
    </message>
    <message>
        <source>Generic set for pretraining: %1 (%2 training, %3 test images)</source>
        <translation>事前学習用の汎用セット: %1 (学習画像 %2 枚、テスト画像 %3 枚)</translation>
    </message>
    <message>
        <source>Site %1 (%2): %3 (%4 training, %5 test images)</source>
        <translation>拠点 %1 (%2): %3 (学習画像 %4 枚、テスト画像 %5 枚)</translation>
    </message>
    <message>
        <source>Done in %1 s.</source>
        <translation>完了しました (%1 秒)。</translation>
    </message>
    <message>
        <source>Also write the demo flow and an inventory of local sites, so that `tenkai-cli run OUT/demo.tenkai-flow.json --inventory OUT/inventory.yaml` runs it.</source>
        <translation>デモフローとローカル拠点のインベントリも書き出します。`tenkai-cli run OUT/demo.tenkai-flow.json --inventory OUT/inventory.yaml` でそのまま実行できます。</translation>
    </message>
    <message>
        <source>Run the demo flow with:
  tenkai-cli run %1 --inventory %2</source>
        <translation>デモフローは次のコマンドで実行できます:
  tenkai-cli run %1 --inventory %2</translation>
    </message>
</context>
<context>
    <name>DemoWorkspaceText</name>
    <message>
        <source>The built-in demo flow is missing from this program.</source>
        <translation>このプログラムには組み込みのデモフローが含まれていません。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>フォルダー %1 を作成できません。</translation>
    </message>
    <message>
        <source>%1 exists already; it was left as it is.</source>
        <translation>%1 はすでに存在するため、そのままにしました。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 に書き込めません: %2。</translation>
    </message>
</context>
<context>
    <name>DeployerText</name>
    <message>
        <source>Site %1: cancelled before %2.</source>
        <translation>拠点 %1: %2 の前にキャンセルされました。</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Unknown dataset &quot;%1&quot;.</source>
        <translation>不明なデータセット「%1」です。</translation>
    </message>
    <message>
        <source>Unknown model &quot;%1&quot;.</source>
        <translation>不明なモデル「%1」です。</translation>
    </message>
    <message>
        <source>Unknown device &quot;%1&quot;; use cpu, cuda or auto.</source>
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
    <message>
        <source>The checkpoint folder %1 cannot be used.</source>
        <translation>チェックポイントフォルダー %1 は使用できません。</translation>
    </message>
    <message>
        <source>The disk holding %1 is full: free some space there and try again.</source>
        <translation>%1 のあるディスクがいっぱいです。空き容量を確保してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The disk holding %1 has too little free space for this training.</source>
        <translation>%1 のあるディスクの空き容量が、この学習には足りません。</translation>
    </message>
</context>
<context>
    <name>EvaluateCommand</name>
    <message>
        <source>Evaluate model files on a dataset&apos;s test split; several files are scored as an ensemble (soft vote).</source>
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
    <name>EventStoreText</name>
    <message>
        <source>Cannot use the state database %1: %2.</source>
        <translation>状態データベース %1 を使用できません: %2。</translation>
    </message>
</context>
<context>
    <name>FlowCommands</name>
    <message>
        <source>give one flow file (*.tenkai-flow.json).</source>
        <translation>フローファイル (*.tenkai-flow.json) を 1 つ指定してください。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>give the inventory with --inventory FILE.</source>
        <translation>--inventory ファイル でインベントリを指定してください。</translation>
    </message>
    <message>
        <source>the flow</source>
        <translation>フロー</translation>
    </message>
    <message>
        <source>, parameter %1</source>
        <translation>、パラメーター %1</translation>
    </message>
    <message>
        <source>, port %1</source>
        <translation>、ポート %1</translation>
    </message>
    <message>
        <source>Check a flow: cycles, links, required inputs, parameters, and (with an inventory) its targets. Exit status 1 when it has errors.</source>
        <translation>フローを検証します: 循環、リンク、必須の入力、パラメーター、および (インベントリを指定した場合は) ターゲット。エラーがあると終了ステータス 1 で終了します。</translation>
    </message>
    <message>
        <source>The flow file (*.tenkai-flow.json).</source>
        <translation>フローファイル (*.tenkai-flow.json)。</translation>
    </message>
    <message>
        <source>Also check the targets against this inventory.</source>
        <translation>ターゲットもこのインベントリに照らして検証します。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Print the problems as one JSON object.</source>
        <translation>問題を 1 つの JSON オブジェクトとして出力します。</translation>
    </message>
    <message>
        <source>error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>%1: %2 nodes, %3 links; %4 errors, %5 warnings.</source>
        <translation>%1: ノード %2 個、リンク %3 本。エラー %4 件、警告 %5 件。</translation>
    </message>
    <message>
        <source>Run a flow on the inventory&apos;s sites: each node in order, independent branches and sites in parallel, with a line per node and site as they change. Results and logs go to the workspace&apos;s history.sqlite. Ctrl-C cancels (a second one quits at once).</source>
        <translation>インベントリの拠点でフローを実行します。各ノードを順に実行し、互いに独立した分岐と拠点は並列に処理します。ノードと拠点の状態が変わるたびに 1 行ずつ表示します。結果とログはワークスペースの history.sqlite に記録します。Ctrl-C でキャンセルします (もう一度押すとただちに終了します)。</translation>
    </message>
    <message>
        <source>The inventory file (inventory.yaml).</source>
        <translation>インベントリファイル (inventory.yaml)。</translation>
    </message>
    <message>
        <source>Change nothing: the fleet&apos;s plan for the provisioning nodes, a description for the others.</source>
        <translation>何も変更しません: プロビジョニングのノードについてはフリートの変更計画を、それ以外のノードについては説明を表示します。</translation>
    </message>
    <message>
        <source>Run this node and those after it; the nodes before it take their results from the latest run in the history.</source>
        <translation>このノードとそれ以降のノードを実行します。それより前のノードは、履歴にある最新のランの結果を使います。</translation>
    </message>
    <message>
        <source>NODE</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>Where the flow&apos;s relative paths and history.sqlite are (default: the flow file&apos;s folder).</source>
        <translation>フローの相対パスの基準と history.sqlite があるフォルダー (既定: フローファイルのあるフォルダー)。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Only these sites: names, groups, globs, !exclusions, &amp;intersections, separated by &apos;,&apos; or &apos;:&apos;.</source>
        <translation>対象をこれらの拠点に限定します: 名前、グループ、グロブ、!除外、&amp;共通部分を &apos;,&apos; または &apos;:&apos; で区切って指定します。</translation>
    </message>
    <message>
        <source>PATTERN</source>
        <translation>パターン</translation>
    </message>
    <message>
        <source>Sites a node works on at the same time (default 10).</source>
        <translation>1 つのノードが同時に処理する拠点の数 (既定 10)。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Failed sites a node tolerates before it starts no more (default: no limit).</source>
        <translation>1 つのノードが許容する失敗拠点の数。これを超えると、新しい拠点の処理を開始しません (既定: 無制限)。</translation>
    </message>
    <message>
        <source>Compute threads for training (default: every core).</source>
        <translation>学習に使う計算スレッド数 (既定: すべてのコア)。</translation>
    </message>
    <message>
        <source>Pin the host keys of sites contacted for the first time (a changed key is still refused).</source>
        <translation>初めて接続する拠点のホスト鍵をピン留めします (変更された鍵は引き続き拒否します)。</translation>
    </message>
    <message>
        <source>The known_hosts file (default: known_hosts beside the inventory).</source>
        <translation>known_hosts ファイル (既定: インベントリと同じ場所にある known_hosts)。</translation>
    </message>
    <message>
        <source>Read this ssh config instead of ~/.ssh/config and /etc/ssh/ssh_config.</source>
        <translation>~/.ssh/config と /etc/ssh/ssh_config の代わりに、この ssh 設定ファイルを読み込みます。</translation>
    </message>
    <message>
        <source>Seconds allowed for connecting and for each SSH step (default 10).</source>
        <translation>接続と SSH の各ステップに許容する秒数 (既定 10)。</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Print one JSON object per line: each step change, each log line, and the summary.</source>
        <translation>1 行に 1 つの JSON オブジェクトを出力します: ステップの状態の変化、ログの各行、最後のまとめ。</translation>
    </message>
    <message>
        <source>%1 (stored)</source>
        <translation>%1 (履歴から)</translation>
    </message>
    <message>
        <source>node</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>cloud</source>
        <translation>クラウド</translation>
    </message>
    <message>
        <source>Dry run %1</source>
        <translation>ドライラン %1</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>ラン %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>%1 done, %2 failed, %3 skipped, %4 from the history, in %5 s.</source>
        <translation>完了 %1、失敗 %2、スキップ %3、履歴から %4、所要時間 %5 秒。</translation>
    </message>
    <message>
        <source>(ok done, FAIL failed, - skipped, x cancelled, = taken from an earlier run)</source>
        <translation>(ok 完了、FAIL 失敗、- スキップ、x キャンセル、= 以前のランの結果を使用)</translation>
    </message>
    <message>
        <source>cancelling: running steps are asked to stop (again to quit at once).</source>
        <translation>キャンセルしています: 実行中のステップに停止を要求しました (もう一度押すとただちに終了します)。</translation>
    </message>
    <message>
        <source>Dry run of &quot;%1&quot; (run %2)</source>
        <translation>「%1」のドライラン (ラン %2)</translation>
    </message>
    <message>
        <source>Running &quot;%1&quot; (run %2)</source>
        <translation>「%1」を実行しています (ラン %2)</translation>
    </message>
    <message>
        <source>The folder holding tenkaid_VERSION_ARCH.deb (and offline bundles) for sites with daemon: package (default: the workspace&apos;s packages/).</source>
        <translation>daemon: package の拠点用の tenkaid_VERSION_ARCH.deb (とオフラインバンドル) を置くフォルダー (既定: ワークスペースの packages/)。</translation>
    </message>
    <message>
        <source>Where --accept-new pins new host keys: workspace (the default) or user (the ssh config&apos;s UserKnownHostsFile, so that ssh trusts them too).</source>
        <translation>--accept-new が新しいホスト鍵を記録する場所: workspace (既定) または user (ssh 設定の UserKnownHostsFile。ssh もその鍵を信頼するようになります)。</translation>
    </message>
    <message>
        <source>WHERE</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>--pin-to takes workspace or user, not &quot;%1&quot;.</source>
        <translation>--pin-to に指定できるのは workspace か user です (&quot;%1&quot; は指定できません)。</translation>
    </message>
</context>
<context>
    <name>FlowExecutorText</name>
    <message>
        <source>waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>This run was started already.</source>
        <translation>このランはすでに開始されています。</translation>
    </message>
    <message numerus="yes">
        <source>The flow has %n problem(s) to fix first; %1</source>
        <translation>
            <numerusform>フローには先に修正が必要な問題が %n 件あります: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No workspace folder was given for the run.</source>
        <translation>ランのワークスペースフォルダーが指定されていません。</translation>
    </message>
    <message>
        <source>Cannot create the workspace folder %1.</source>
        <translation>ワークスペースフォルダー %1 を作成できません。</translation>
    </message>
    <message>
        <source>Node %1 has no site to run on: give it targets, or link its sites input.</source>
        <translation>ノード %1 には実行先の拠点がありません。ターゲットを指定するか、入力 &quot;sites&quot; にリンクしてください。</translation>
    </message>
    <message>
        <source>Node %1 has no site to run on within the limit &quot;%2&quot;.</source>
        <translation>ノード %1 には、制限「%2」の範囲内に実行先の拠点がありません。</translation>
    </message>
    <message>
        <source>The flow has no node &quot;%1&quot; to run from.</source>
        <translation>実行の開始点とするノード「%1」がフローにありません。</translation>
    </message>
    <message>
        <source>A run from a node needs the run history.</source>
        <translation>ノードから実行するには、ランの履歴が必要です。</translation>
    </message>
    <message>
        <source>Cannot run from %1: node %2 has no result%3 in the run history; run the whole flow first.</source>
        <translation>%1 から実行できません: ランの履歴に、ノード %2 の%3結果がありません。先にフロー全体を実行してください。</translation>
    </message>
    <message>
        <source> on site %1</source>
        <translation>拠点 %1 での</translation>
    </message>
    <message>
        <source>not part of this run</source>
        <translation>このランの対象外</translation>
    </message>
    <message>
        <source>cancelled before it started</source>
        <translation>開始前にキャンセルされました</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 は%2</translation>
    </message>
    <message>
        <source>%1 succeeded on no site</source>
        <translation>%1 はどの拠点でも成功しませんでした</translation>
    </message>
    <message>
        <source>%1 does not run on this site</source>
        <translation>%1 はこの拠点では実行されません</translation>
    </message>
    <message>
        <source>the failure budget of %1 is spent (%2 failed)</source>
        <translation>%1 の失敗の許容数を超えました (失敗 %2)</translation>
    </message>
</context>
<context>
    <name>FlowFileText</name>
    <message>
        <source>expected %1, got %2</source>
        <translation>%1 が必要です (指定値: %2)</translation>
    </message>
    <message>
        <source>[nodeId, port]</source>
        <translation>[nodeId, port]</translation>
    </message>
    <message>
        <source>&quot;cloud&quot;, &quot;group:NAME&quot;, &quot;site:NAME&quot; or a list of them</source>
        <translation>&quot;cloud&quot;、&quot;group:NAME&quot;、&quot;site:NAME&quot; またはそれらのリスト</translation>
    </message>
    <message>
        <source>a node object</source>
        <translation>ノードのオブジェクト</translation>
    </message>
    <message>
        <source>a non-empty text</source>
        <translation>空でないテキスト</translation>
    </message>
    <message>
        <source>a node type</source>
        <translation>ノードの種類</translation>
    </message>
    <message>
        <source>text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>[x, y] numbers</source>
        <translation>数値の組 [x, y]</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>not valid JSON at line %1, column %2: %3</source>
        <translation>正しい JSON ではありません (%1 行目、%2 列目): %3</translation>
    </message>
    <message>
        <source>expected a JSON object, got %1</source>
        <translation>JSON オブジェクトが必要です (指定値: %1)</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>配列</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>integer 1..%1</source>
        <translation>1〜%1 の整数</translation>
    </message>
    <message>
        <source>version %1 is newer than this Tenkai reads (up to %2)</source>
        <translation>バージョン %1 は、この Tenkai が読み込めるバージョン (%2 まで) より新しいものです</translation>
    </message>
    <message>
        <source>no migration from version %1 to %2</source>
        <translation>バージョン %1 から %2 へのマイグレーションがありません</translation>
    </message>
    <message>
        <source>a list of nodes</source>
        <translation>ノードのリスト</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is the id of nodes[%2] already</source>
        <translation>「%1」はすでに nodes[%2] の ID です</translation>
    </message>
    <message>
        <source>a list of links</source>
        <translation>リンクのリスト</translation>
    </message>
    <message>
        <source>a link object</source>
        <translation>リンクのオブジェクト</translation>
    </message>
    <message>
        <source>the same link as links[%1]</source>
        <translation>links[%1] と同じリンクです</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>%1 holds more than %2 MB: it is not a flow file</source>
        <translation>%1 は %2 MB を超えています。フローファイルではありません</translation>
    </message>
</context>
<context>
    <name>FlowStepText</name>
    <message>
        <source>cancelled</source>
        <translation>キャンセルされました</translation>
    </message>
    <message>
        <source>node %1, parameter %2</source>
        <translation>ノード %1、パラメーター %2</translation>
    </message>
    <message>
        <source>Site %1: cannot tell the home folder (pwd gave &quot;%2&quot;).</source>
        <translation>拠点 %1: ホームフォルダーを特定できません (pwd の出力: 「%2」)。</translation>
    </message>
    <message numerus="yes">
        <source>up to date (%n resource(s))</source>
        <translation>
            <numerusform>最新の状態です (リソース %n 件)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>would change %1 of %n resource(s)</source>
        <translation>
            <numerusform>リソース %n 件中 %1 件を変更予定</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>changed %1 of %n resource(s)</source>
        <translation>
            <numerusform>リソース %n 件中 %1 件を変更しました</numerusform>
        </translation>
    </message>
    <message>
        <source>the recipe of node %1</source>
        <translation>ノード %1 のレシピ</translation>
    </message>
    <message>
        <source>node %1</source>
        <translation>ノード %1</translation>
    </message>
    <message>
        <source>the model input holds no model file on this machine (deploy a model made by Pretrain or named by Model file).</source>
        <translation>入力 &quot;model&quot; に、このマシン上のモデルファイルがありません (「事前学習」ノードで作成したモデル、または「モデルファイル」ノードで指定したモデルをデプロイしてください)。</translation>
    </message>
    <message>
        <source>would upload the model %1 (not made yet) to %2</source>
        <translation>モデル %1 (未作成) を %2 にアップロード予定</translation>
    </message>
    <message>
        <source>the site&apos;s data folder %1 does not exist.</source>
        <translation>拠点のデータフォルダー %1 が存在しません。</translation>
    </message>
    <message>
        <source>cannot look into the data folder %1: %2</source>
        <translation>データフォルダー %1 の中を確認できません: %2</translation>
    </message>
    <message>
        <source>the site&apos;s data folder %1 holds no labelled images (one subfolder per class).</source>
        <translation>拠点のデータフォルダー %1 にラベル付き画像がありません (クラスごとに 1 つのサブフォルダーが必要です)。</translation>
    </message>
    <message>
        <source>%1 policies (augmented on the fly while training): %2</source>
        <translation>方針 %1 個 (学習中にその場でデータ拡張): %2</translation>
    </message>
    <message>
        <source>%1 images in %2 classes; %3</source>
        <translation>%2 クラスの画像 %1 枚。%3</translation>
    </message>
    <message>
        <source>an ensemble of %1 %2 members, %3 epochs, batch %4, lr %5, freeze %6</source>
        <translation>%2 のメンバー %1 個からなるアンサンブル、%3 エポック、batch %4、lr %5、freeze %6</translation>
    </message>
    <message>
        <source>would train %1 on the daemon at port %2</source>
        <translation>ポート %2 のデーモンで学習予定: %1</translation>
    </message>
    <message>
        <source>the model input is not a model on the site (link a Deploy model node).</source>
        <translation>入力 &quot;model&quot; が拠点上のモデルではありません (「モデルのデプロイ」ノードをリンクしてください)。</translation>
    </message>
    <message>
        <source>training %1 as run %2</source>
        <translation>ラン %2 として学習中: %1</translation>
    </message>
    <message>
        <source>the daemon did not answer.</source>
        <translation>デーモンが応答しませんでした。</translation>
    </message>
    <message>
        <source>the daemon refused the run: %1</source>
        <translation>デーモンがランを拒否しました: %1</translation>
    </message>
    <message>
        <source>the daemon gave no report: %1</source>
        <translation>デーモンがレポートを返しませんでした: %1</translation>
    </message>
    <message>
        <source>ensemble accuracy %1 after %2 epochs (run %3)</source>
        <translation>%2 エポック後のアンサンブルの精度 %1 (ラン %3)</translation>
    </message>
    <message>
        <source>training on the site&apos;s daemon</source>
        <translation>拠点のデーモンで学習中</translation>
    </message>
    <message>
        <source>queued on the site&apos;s daemon</source>
        <translation>拠点のデーモンのキューで待機中</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>the run was stopped on the site.</source>
        <translation>拠点でランが停止されました。</translation>
    </message>
    <message>
        <source>the training failed on the site: %1</source>
        <translation>拠点での学習に失敗しました: %1</translation>
    </message>
    <message>
        <source>ensemble</source>
        <translation>アンサンブル</translation>
    </message>
    <message>
        <source>member %1</source>
        <translation>メンバー %1</translation>
    </message>
    <message>
        <source>epoch %1: %2 test accuracy %3</source>
        <translation>エポック %1: %2 のテスト精度 %3</translation>
    </message>
    <message>
        <source>lost the daemon (%1); reconnecting</source>
        <translation>デーモンとの接続が切れました (%1)。再接続します</translation>
    </message>
    <message>
        <source>cancelled; the daemon did not confirm the stop within 15 s (run %1 may still be running on the site)</source>
        <translation>キャンセルしました。デーモンが 15 秒以内に停止を確認しませんでした (拠点ではラン %1 がまだ実行中の可能性があります)</translation>
    </message>
    <message>
        <source>cancelling: asking the daemon to stop run %1</source>
        <translation>キャンセルしています: デーモンにラン %1 の停止を要求しています</translation>
    </message>
    <message>
        <source>the daemon sent nothing for %1 s.</source>
        <translation>デーモンから %1 秒間何も送られてきませんでした。</translation>
    </message>
    <message>
        <source>would report the members&apos; and the ensemble&apos;s accuracy on the site&apos;s test split</source>
        <translation>拠点のテスト分割での、メンバーとアンサンブルの精度をレポート予定</translation>
    </message>
    <message>
        <source>Evaluate reads the report of the ensemble trained on the site: link the model output of a Train ensemble node.</source>
        <translation>「評価」ノードは、拠点で学習したアンサンブルのレポートを読み込みます。「アンサンブルの学習」ノードの出力 &quot;model&quot; をリンクしてください。</translation>
    </message>
    <message>
        <source>ensemble %1, majority vote %2, members %3 on %4 test images</source>
        <translation>アンサンブル %1、多数決 %2、メンバー %3 (テスト画像 %4 枚)</translation>
    </message>
    <message>
        <source>would write the report of the sites to %1</source>
        <translation>拠点のレポートを %1 に書き出し予定</translation>
    </message>
    <message>
        <source>cannot create the folder %1.</source>
        <translation>フォルダー %1 を作成できません。</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>ラン %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2.</source>
        <translation>%1 に書き込めません: %2。</translation>
    </message>
    <message>
        <source>no site reported; wrote %1</source>
        <translation>レポートを返した拠点はありません。%1 を書き出しました</translation>
    </message>
    <message>
        <source>%1 sites, mean ensemble accuracy %2; wrote %3</source>
        <translation>%1 拠点、アンサンブルの平均精度 %2。%3 を書き出しました</translation>
    </message>
    <message>
        <source>the time &quot;%1&quot; is not an ISO 8601 time (e.g. 2026-12-01T06:00).</source>
        <translation>時刻「%1」は ISO 8601 形式の時刻ではありません (例: 2026-12-01T06:00)。</translation>
    </message>
    <message>
        <source>would wait until %1</source>
        <translation>%1 まで待機予定</translation>
    </message>
    <message>
        <source>gave up after %1 min.</source>
        <translation>%1 分経過したため、待機を打ち切りました。</translation>
    </message>
    <message>
        <source>waiting until %1</source>
        <translation>%1 まで待機中</translation>
    </message>
    <message>
        <source>reached %1</source>
        <translation>%1 に達しました</translation>
    </message>
    <message>
        <source>would check that the accuracy reaches %1</source>
        <translation>精度が %1 に達しているかを確認予定</translation>
    </message>
    <message>
        <source>link a report to wait for an accuracy.</source>
        <translation>精度を条件に待機するには、レポートをリンクしてください。</translation>
    </message>
    <message>
        <source>the linked report holds no accuracy.</source>
        <translation>リンクされたレポートに精度が含まれていません。</translation>
    </message>
    <message>
        <source>accuracy %1 is below the target %2.</source>
        <translation>精度 %1 は目標の %2 を下回っています。</translation>
    </message>
    <message>
        <source>accuracy %1 reached the target %2</source>
        <translation>精度 %1 が目標の %2 に達しました</translation>
    </message>
    <message>
        <source>cannot read the model file %1: %2.</source>
        <translation>モデルファイル %1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>%1 is not a Tenkai model file.</source>
        <translation>%1 は Tenkai のモデルファイルではありません。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 on %2, %3 epochs, batch %4</source>
        <translation>%1、データセット %2、%3 エポック、batch %4</translation>
    </message>
    <message>
        <source>would train %1 and write %2</source>
        <translation>学習予定: %1。書き出し先: %2</translation>
    </message>
    <message>
        <source>training %1</source>
        <translation>学習中: %1</translation>
    </message>
    <message>
        <source>epoch %1/%2: test accuracy %3</source>
        <translation>エポック %1/%2: テスト精度 %3</translation>
    </message>
    <message>
        <source>cannot move the model to %1: %2.</source>
        <translation>モデルを %1 に移動できません: %2。</translation>
    </message>
    <message>
        <source>test accuracy %1 after %2 epochs; wrote %3</source>
        <translation>%2 エポック後のテスト精度 %1。%3 を書き出しました</translation>
    </message>
    <message>
        <source>the node type &quot;%1&quot; cannot run.</source>
        <translation>ノードの種類「%1」は実行できません。</translation>
    </message>
    <message>
        <source>the daemon could not evaluate: %1</source>
        <translation>デーモンが評価できませんでした: %1</translation>
    </message>
    <message>
        <source>the daemon gave no evaluation within %1 s.</source>
        <translation>デーモンが %1 秒以内に評価結果を返しませんでした。</translation>
    </message>
    <message>
        <source>would report the members&apos; and the ensemble&apos;s accuracy on %1</source>
        <translation>%1 での、メンバーとアンサンブルの精度をレポート予定</translation>
    </message>
    <message>
        <source>evaluating run %1 on %2</source>
        <translation>ラン %1 を %2 で評価中</translation>
    </message>
    <message>
        <source>evaluating on the site&apos;s daemon</source>
        <translation>拠点のデーモンで評価中</translation>
    </message>
    <message>
        <source>carrying on run %1 (%2) from its last checkpoint</source>
        <translation>ラン %1 (%2) を最後のチェックポイントから続けます</translation>
    </message>
    <message>
        <source>run %1 cannot carry on (%2); training %3 as run %4</source>
        <translation>ラン %1 は続けられません (%2)。%3 をラン %4 として学習します</translation>
    </message>
    <message>
        <source>following run %1, which the site still has (%2)</source>
        <translation>拠点に残っているラン %1 を追跡します (%2)</translation>
    </message>
    <message>
        <source>tenkaid package: pre-flight</source>
        <translation>tenkaid パッケージ: 事前チェック</translation>
    </message>
    <message>
        <source>%1 (%2-%3)</source>
        <translation>%1 (%2〜%3)</translation>
    </message>
    <message>
        <source>it helps</source>
        <translation>効果があります</translation>
    </message>
    <message>
        <source>it hurts here</source>
        <translation>この拠点では逆効果です</translation>
    </message>
    <message>
        <source>no difference this test set can show</source>
        <translation>このテストセットでは差を示せません</translation>
    </message>
    <message>
        <source>ensemble %1 points over a single model (95%: %2 to %3): %4</source>
        <translation>単一モデルに対してアンサンブルは %1 ポイント (95%: %2〜%3): %4</translation>
    </message>
    <message>
        <source>Test accuracy with its 95% interval for the test images&apos; number. &quot;Single model&quot; is the members&apos; mean (what training one model gives on average); the member picked on validation is chosen without looking at the test images.</source>
        <translation>テスト精度と、テスト画像の枚数に対する 95% 区間です。「単一モデル」はメンバーの平均 (モデルを 1 つ学習したときに平均して得られる精度) です。検証で選んだメンバーは、テスト画像を見ずに選んでいます。</translation>
    </message>
    <message>
        <source>%1 (%2 to %3)</source>
        <translation>%1 (%2〜%3)</translation>
    </message>
    <message>
        <source>%1 (member %2)</source>
        <translation>%1 (メンバー %2)</translation>
    </message>
    <message>
        <source>At %1 the ensemble does worse than a single model: deploy one model there.</source>
        <translation>%1 ではアンサンブルが単一モデルより劣ります。この拠点には単一モデルをデプロイしてください。</translation>
    </message>
    <message>
        <source>At %1 the ensemble shows no gain that %2 test images can tell from noise.</source>
        <translation>%1 では、テスト画像 %2 枚でノイズと区別できるアンサンブルの効果は見られません。</translation>
    </message>
    <message>
        <source>At %1 the training images hold no example of %2: the model cannot learn them.</source>
        <translation>%1 の学習画像には %2 の例がありません。モデルはこれらを学習できません。</translation>
    </message>
    <message>
        <source>| site | ensemble | single model | ensemble - single (points) | member picked on validation | cloud model as deployed | majority vote | disagreement | test images |</source>
        <translation>| 拠点 | アンサンブル | 単一モデル | アンサンブル - 単一 (ポイント) | 検証で選んだメンバー | デプロイ時のクラウドモデル | 多数決 | 不一致率 | テスト画像 |</translation>
    </message>
    <message>
        <source>At %1 the model trained there does worse than the cloud model as deployed (%2 points): keep the deployed model, or give the site more data.</source>
        <translation>%1 では、拠点で学習したモデルがデプロイ時のクラウドモデルより劣ります (%2 ポイント)。デプロイ済みのモデルを使い続けるか、拠点のデータを増やしてください。</translation>
    </message>
    <message>
        <source>At %1 the model trained there shows no gain over the cloud model as deployed that %2 test images can tell from noise (%3 points).</source>
        <translation>%1 では、拠点で学習したモデルに、テスト画像 %2 枚でノイズと区別できるデプロイ時のクラウドモデルからの向上は見られません (%3 ポイント)。</translation>
    </message>
</context>
<context>
    <name>GraphText</name>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>The target &quot;%1&quot; names no %2.</source>
        <translation>ターゲット「%1」に %2 の名前がありません。</translation>
    </message>
    <message>
        <source>The target &quot;%1&quot; is not &quot;cloud&quot;, &quot;group:NAME&quot; or &quot;site:NAME&quot;.</source>
        <translation>ターゲット「%1」は &quot;cloud&quot;、&quot;group:NAME&quot;、&quot;site:NAME&quot; のいずれでもありません。</translation>
    </message>
    <message>
        <source>There is no node type &quot;%1&quot;.</source>
        <translation>ノードの種類「%1」はありません。</translation>
    </message>
    <message>
        <source>A node needs a non-empty id.</source>
        <translation>ノードには空でない ID が必要です。</translation>
    </message>
    <message>
        <source>There is a node &quot;%1&quot; already.</source>
        <translation>ノード「%1」はすでに存在します。</translation>
    </message>
    <message>
        <source>There is no node &quot;%1&quot;.</source>
        <translation>ノード「%1」はありません。</translation>
    </message>
    <message>
        <source>Node &quot;%1&quot; has the unknown type &quot;%2&quot;, so its parameters cannot be checked.</source>
        <translation>ノード「%1」の種類「%2」が不明なため、パラメーターを確認できません。</translation>
    </message>
    <message>
        <source>A %1 node has no parameter &quot;%2&quot;.</source>
        <translation>「%1」ノードにパラメーター &quot;%2&quot; はありません。</translation>
    </message>
    <message>
        <source>The parameter &quot;%1&quot; is required.</source>
        <translation>パラメーター &quot;%1&quot; は必須です。</translation>
    </message>
    <message>
        <source>%1%2: %3</source>
        <translation>%1%2: %3</translation>
    </message>
    <message>
        <source>A %1 node runs nowhere and takes no targets.</source>
        <translation>「%1」ノードはどこでも実行されないため、ターゲットを指定できません。</translation>
    </message>
    <message>
        <source>A %1 node runs on the console&apos;s machine: its only target is &quot;cloud&quot;.</source>
        <translation>「%1」ノードはコンソールのマシンで実行されます。指定できるターゲットは &quot;cloud&quot; だけです。</translation>
    </message>
    <message>
        <source>A %1 node runs on sites: name sites or groups, not &quot;cloud&quot;.</source>
        <translation>「%1」ノードは拠点で実行されます。&quot;cloud&quot; ではなく、拠点またはグループを指定してください。</translation>
    </message>
    <message>
        <source>The targets name the same site or group twice.</source>
        <translation>ターゲットに同じ拠点またはグループが 2 回指定されています。</translation>
    </message>
    <message>
        <source>A node cannot be linked to itself.</source>
        <translation>ノードを自分自身にリンクすることはできません。</translation>
    </message>
    <message>
        <source>Node &quot;%1&quot; has the unknown type &quot;%2&quot;.</source>
        <translation>ノード「%1」の種類「%2」は不明です。</translation>
    </message>
    <message>
        <source>Node &quot;%1&quot; has no output &quot;%2&quot; (its outputs: %3).</source>
        <translation>ノード「%1」に出力 &quot;%2&quot; はありません (出力: %3)。</translation>
    </message>
    <message>
        <source>Node &quot;%1&quot; has no input &quot;%2&quot; (its inputs: %3).</source>
        <translation>ノード「%1」に入力 &quot;%2&quot; はありません (入力: %3)。</translation>
    </message>
    <message>
        <source>The output &quot;%1&quot; gives a %2, but the input &quot;%3&quot; takes a %4.</source>
        <translation>出力 &quot;%1&quot; が出すのは %2 ですが、入力 &quot;%3&quot; が受け取るのは %4 です。</translation>
    </message>
    <message>
        <source>These ports are linked already.</source>
        <translation>これらのポートはすでにリンクされています。</translation>
    </message>
    <message>
        <source>The input &quot;%1&quot; of node &quot;%2&quot; takes one link and has one already.</source>
        <translation>ノード「%2」の入力 &quot;%1&quot; が受け付けるリンクは 1 本だけで、すでにリンクされています。</translation>
    </message>
    <message>
        <source>This link would close a cycle: node &quot;%1&quot; already leads to node &quot;%2&quot;.</source>
        <translation>このリンクを追加すると循環ができます: ノード「%1」からすでにノード「%2」へつながっています。</translation>
    </message>
    <message>
        <source>There is no link &quot;%1&quot;.</source>
        <translation>リンク「%1」はありません。</translation>
    </message>
</context>
<context>
    <name>HistoryText</name>
    <message>
        <source>Cannot use the run history %1: %2.</source>
        <translation>ランの履歴 %1 を使用できません: %2。</translation>
    </message>
    <message>
        <source>Cannot record the run in the history: %1.</source>
        <translation>ランを履歴に記録できません: %1。</translation>
    </message>
    <message>
        <source>interrupted: the program that ran this flow ended before the step did (killed, crashed, or the machine went down)</source>
        <translation>中断: このフローを実行していたプログラムが、ステップより先に終了しました (強制終了、クラッシュ、またはマシンの停止)</translation>
    </message>
</context>
<context>
    <name>InventoryText</name>
    <message>
        <source>defaults</source>
        <translation>defaults</translation>
    </message>
    <message>
        <source>site &quot;%1&quot;</source>
        <translation>拠点「%1」</translation>
    </message>
    <message>
        <source>%1: %2: field &quot;%3&quot; %4</source>
        <translation>%1: %2: フィールド &quot;%3&quot;: %4</translation>
    </message>
    <message>
        <source>must be a non-empty text.</source>
        <translation>空でない文字列を指定してください。</translation>
    </message>
    <message>
        <source>must be a port number from 1 to 65535 (got &quot;%1&quot;).</source>
        <translation>1 から 65535 までのポート番号を指定してください (指定値: 「%1」)。</translation>
    </message>
    <message>
        <source>must be ssh or local (got &quot;%1&quot;).</source>
        <translation>ssh または local を指定してください (指定値: 「%1」)。</translation>
    </message>
    <message>
        <source>must be a list of group names.</source>
        <translation>グループ名のリストを指定してください。</translation>
    </message>
    <message>
        <source>%1: %2: field &quot;groups&quot;: &quot;%3&quot; is not a valid group name.</source>
        <translation>%1: %2: フィールド &quot;groups&quot;: 「%3」は有効なグループ名ではありません。</translation>
    </message>
    <message>
        <source>must be a map of names to values.</source>
        <translation>名前と値のマップを指定してください。</translation>
    </message>
    <message>
        <source>%1: %2: field &quot;labels&quot;: each label must be name: value.</source>
        <translation>%1: %2: フィールド &quot;labels&quot;: 各ラベルは 名前: 値 の形式で指定してください。</translation>
    </message>
    <message>
        <source>Cannot read the inventory %1: %2.</source>
        <translation>インベントリ %1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>%1: not valid YAML: %2.</source>
        <translation>%1: YAML として正しくありません: %2。</translation>
    </message>
    <message>
        <source>%1: an inventory is a map with &quot;format: tenkai-inventory&quot; and &quot;sites&quot;.</source>
        <translation>%1: インベントリは &quot;format: tenkai-inventory&quot; と &quot;sites&quot; を含むマップである必要があります。</translation>
    </message>
    <message>
        <source>%1: field &quot;format&quot; must be tenkai-inventory.</source>
        <translation>%1: フィールド &quot;format&quot; は tenkai-inventory である必要があります。</translation>
    </message>
    <message>
        <source>%1: field &quot;version&quot;: this Tenkai reads inventory version 1 (got &quot;%2&quot;).</source>
        <translation>%1: フィールド &quot;version&quot;: この Tenkai が読み込めるのはインベントリのバージョン 1 です (指定値: 「%2」)。</translation>
    </message>
    <message>
        <source>%1: field &quot;defaults&quot; must be a map of site fields.</source>
        <translation>%1: フィールド &quot;defaults&quot; は拠点のフィールドのマップである必要があります。</translation>
    </message>
    <message>
        <source>%1: defaults: a default name makes no sense.</source>
        <translation>%1: defaults: name の既定値は指定できません。</translation>
    </message>
    <message>
        <source>%1: field &quot;sites&quot; must be a list of sites.</source>
        <translation>%1: フィールド &quot;sites&quot; は拠点のリストである必要があります。</translation>
    </message>
    <message>
        <source>%1: field &quot;groups&quot; must map group names to {children: [...]}.</source>
        <translation>%1: フィールド &quot;groups&quot; はグループ名を {children: [...]} に対応付けるマップである必要があります。</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a valid group name.</source>
        <translation>%1: 「%2」は有効なグループ名ではありません。</translation>
    </message>
    <message>
        <source>%1: group &quot;%2&quot; must be {children: [group, ...]}.</source>
        <translation>%1: グループ「%2」は {children: [group, ...]} の形式である必要があります。</translation>
    </message>
    <message>
        <source>%1: group &quot;%2&quot;: &quot;%3&quot; is not a valid group name.</source>
        <translation>%1: グループ「%2」: 「%3」は有効なグループ名ではありません。</translation>
    </message>
    <message>
        <source>%1: unknown field &quot;%2&quot; (known: format, version, defaults, sites, groups).</source>
        <translation>%1: 不明なフィールド &quot;%2&quot; です (有効なフィールド: format, version, defaults, sites, groups)。</translation>
    </message>
    <message>
        <source>%1: field &quot;format: tenkai-inventory&quot; is missing.</source>
        <translation>%1: フィールド &quot;format: tenkai-inventory&quot; がありません。</translation>
    </message>
    <message>
        <source>%1: field &quot;sites&quot; is missing.</source>
        <translation>%1: フィールド &quot;sites&quot; がありません。</translation>
    </message>
    <message>
        <source>%1: each site must be a map with at least &quot;name&quot;.</source>
        <translation>%1: 各拠点は少なくとも &quot;name&quot; を含むマップである必要があります。</translation>
    </message>
    <message>
        <source>%1: a site needs a &quot;name&quot;: non-empty, without control characters, &apos;,&apos;, &apos;:&apos; or &apos;/&apos;, not starting with &apos;!&apos; or &apos;&amp;&apos; (got &quot;%2&quot;).</source>
        <translation>%1: 拠点には &quot;name&quot; が必要です。空でなく、制御文字や &apos;,&apos;、&apos;:&apos;、&apos;/&apos; を含まず、&apos;!&apos; や &apos;&amp;&apos; で始まらない名前を指定してください (指定値: 「%2」)。</translation>
    </message>
    <message>
        <source>%1: site &quot;%2&quot; is defined twice (first at %3).</source>
        <translation>%1: 拠点「%2」が二重に定義されています (最初の定義: %3)。</translation>
    </message>
    <message>
        <source>%1: group &quot;%2&quot; contains itself through its children.</source>
        <translation>%1: グループ「%2」は children を通じて自分自身を含んでいます。</translation>
    </message>
    <message>
        <source>--limit: &quot;%1&quot; matches no site or group of %2.</source>
        <translation>--limit: 「%1」に一致する拠点やグループが %2 にありません。</translation>
    </message>
    <message>
        <source>the inventory</source>
        <translation>インベントリ</translation>
    </message>
    <message>
        <source>%1: host range &quot;%2&quot; is not start:end or start:end:step (numbers or single letters).</source>
        <translation>%1: ホスト範囲「%2」が start:end または start:end:step の形式 (数字または 1 文字の英字) になっていません。</translation>
    </message>
    <message>
        <source>%1: section header &quot;%2&quot; does not end with &apos;]&apos;.</source>
        <translation>%1: セクション見出し「%2」が &apos;]&apos; で終わっていません。</translation>
    </message>
    <message>
        <source>%1: unknown section kind &quot;:%2&quot; (known: :vars, :children).</source>
        <translation>%1: 不明なセクション種別「:%2」です (有効なもの: :vars, :children)。</translation>
    </message>
    <message>
        <source>%1: expected name=value in [%2:vars], got &quot;%3&quot;.</source>
        <translation>%1: [%2:vars] には name=value の形式で記述してください (記述: 「%3」)。</translation>
    </message>
    <message>
        <source>%1: expected name=value after the host, got &quot;%2&quot;.</source>
        <translation>%1: ホストの後には name=value の形式で記述してください (記述: 「%2」)。</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a valid host name for a site.</source>
        <translation>%1: 「%2」は拠点のホスト名として有効ではありません。</translation>
    </message>
    <message>
        <source>%1: group &quot;%2&quot; must be a map of hosts, vars and children.</source>
        <translation>%1: グループ「%2」は hosts、vars、children からなるマップである必要があります。</translation>
    </message>
    <message>
        <source>%1: &quot;hosts&quot; of group &quot;%2&quot; must be a map.</source>
        <translation>%1: グループ「%2」の &quot;hosts&quot; はマップである必要があります。</translation>
    </message>
    <message>
        <source>%1: host &quot;%2&quot; must map to its variables or nothing.</source>
        <translation>%1: ホスト「%2」の値は、変数のマップか空である必要があります。</translation>
    </message>
    <message>
        <source>%1: &quot;vars&quot; of group &quot;%2&quot; must be a map.</source>
        <translation>%1: グループ「%2」の &quot;vars&quot; はマップである必要があります。</translation>
    </message>
    <message>
        <source>%1: &quot;children&quot; of group &quot;%2&quot; must be a map.</source>
        <translation>%1: グループ「%2」の &quot;children&quot; はマップである必要があります。</translation>
    </message>
    <message>
        <source>%1: group &quot;%2&quot;: unknown key &quot;%3&quot; (known: hosts, vars, children).</source>
        <translation>%1: グループ「%2」: 不明なキー &quot;%3&quot; です (有効なキー: hosts, vars, children)。</translation>
    </message>
    <message>
        <source>%1: an Ansible YAML inventory is a map of groups (usually &quot;all&quot;).</source>
        <translation>%1: Ansible の YAML インベントリはグループのマップ (通常は &quot;all&quot;) である必要があります。</translation>
    </message>
    <message>
        <source>%1: %2 is not imported: %3</source>
        <translation>%1: %2 はインポートしません: %3</translation>
    </message>
    <message>
        <source>%1: %2 must be a port number from 1 to 65535 (got &quot;%3&quot;).</source>
        <translation>%1: %2 には 1 から 65535 までのポート番号を指定してください (指定値: 「%3」)。</translation>
    </message>
    <message>
        <source>connection &quot;%1&quot; is not supported; the site uses ssh.</source>
        <translation>接続方式「%1」には対応していません。この拠点は ssh を使用します。</translation>
    </message>
    <message>
        <source>no Tenkai equivalent (set it in ~/.ssh/config if it is an ssh option).</source>
        <translation>Tenkai に相当する設定はありません (ssh のオプションであれば ~/.ssh/config に設定してください)。</translation>
    </message>
    <message>
        <source>Cannot read the Ansible inventory %1: %2.</source>
        <translation>Ansible インベントリ %1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>must be binary or package (got &quot;%1&quot;).</source>
        <translation>binary または package を指定してください (指定値: 「%1」)。</translation>
    </message>
    <message>
        <source>%1: site &quot;%2&quot;: daemon: package needs an ssh site (a local site runs the console&apos;s own tenkaid).</source>
        <translation>%1: 拠点「%2」: daemon: package は ssh の拠点でのみ使えます (ローカル拠点ではコンソール自身の tenkaid を実行します)。</translation>
    </message>
    <message>
        <source>%1: %2 must be binary or package (got &quot;%3&quot;).</source>
        <translation>%1: %2 には binary または package を指定してください (指定値: 「%3」)。</translation>
    </message>
    <message>
        <source>%1: host range &quot;%2&quot; makes %3 hosts; an inventory holds at most %4.</source>
        <translation>%1: ホスト範囲 &quot;%2&quot; は %3 台のホストになります。インベントリに入れられるのは最大 %4 台です。</translation>
    </message>
    <message>
        <source>%1: the inventory lists more than %2 hosts.</source>
        <translation>%1: インベントリのホストが %2 台を超えています。</translation>
    </message>
    <message>
        <source>The inventory %1 holds more than %2 MB: it is not an inventory.</source>
        <translation>インベントリ %1 は %2 MB を超えています。インベントリではありません。</translation>
    </message>
    <message>
        <source>The Ansible inventory %1 holds more than %2 MB: it is not an inventory.</source>
        <translation>Ansible インベントリ %1 は %2 MB を超えています。インベントリではありません。</translation>
    </message>
    <message>
        <source>%1: %2: unknown field &quot;%3&quot; (known: name, host, port, user, identity, proxy_jump, groups, labels, root, daemon_port, daemon, transport).</source>
        <translation>%1: %2: 不明なフィールド &quot;%3&quot; です (使えるもの: name、host、port、user、identity、proxy_jump、groups、labels、root、daemon_port、daemon、transport)。</translation>
    </message>
    <message>
        <source>%1: not read (Ansible reads .yml, .yaml, .json and files without an extension there).</source>
        <translation>%1: 読み込みませんでした (Ansible がそこで読むのは .yml、.yaml、.json と拡張子のないファイルです)。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>%1 holds more than %2 MB: it is not a variables file.</source>
        <translation>%1 は %2 MB を超えています。変数ファイルではありません。</translation>
    </message>
    <message>
        <source>%1 is encrypted with ansible-vault, which Tenkai does not read. Import what Ansible itself reads instead: tenkai-cli import-inventory --with-ansible INVENTORY (ansible-inventory decrypts it with your vault password).</source>
        <translation>%1 は ansible-vault で暗号化されており、Tenkai は読み込みません。代わりに Ansible 自身が読む内容を取り込んでください: tenkai-cli import-inventory --with-ansible インベントリ (ansible-inventory が vault パスワードで復号します)。</translation>
    </message>
    <message>
        <source>%1: a variables file is a map of names to values.</source>
        <translation>%1: 変数ファイルは名前と値のマップです。</translation>
    </message>
    <message>
        <source>%1: names no %2 of the inventory, so it is not read (as Ansible does).</source>
        <translation>%1: インベントリのどの%2の名前でもないため、読み込みません (Ansible も同じです)。</translation>
    </message>
    <message>
        <source>group</source>
        <translation>グループ</translation>
    </message>
    <message>
        <source>host</source>
        <translation>ホスト</translation>
    </message>
    <message>
        <source>%1: not the JSON that ansible-inventory --list prints (%2).</source>
        <translation>%1: ansible-inventory --list が出力する JSON ではありません (%2)。</translation>
    </message>
    <message>
        <source>%1 (host %2)</source>
        <translation>%1 (ホスト %2)</translation>
    </message>
    <message>
        <source>%1 (group %2)</source>
        <translation>%1 (グループ %2)</translation>
    </message>
    <message>
        <source>%1: %2 (host %3) is encrypted with ansible-vault, which Tenkai does not read. Import what Ansible reads instead: tenkai-cli import-inventory --with-ansible INVENTORY.</source>
        <translation>%1: %2 (ホスト %3) は ansible-vault で暗号化されており、Tenkai は読み込みません。代わりに Ansible が読む内容を取り込んでください: tenkai-cli import-inventory --with-ansible インベントリ。</translation>
    </message>
    <message>
        <source>it is encrypted with ansible-vault, which Tenkai does not read.</source>
        <translation>ansible-vault で暗号化されており、Tenkai は読み込みません。</translation>
    </message>
    <message>
        <source>%1: %2 (host %3) must be a single value, not a list or a map.</source>
        <translation>%1: %2 (ホスト %3) は単一の値でなければなりません。リストやマップは使えません。</translation>
    </message>
    <message>
        <source>it is a list or a map; a site&apos;s labels hold text only.</source>
        <translation>リストまたはマップです。拠点のラベルに入れられるのはテキストだけです。</translation>
    </message>
    <message>
        <source>only a jump host (-J, -o ProxyJump=, -o ProxyCommand=&quot;ssh -W %h:%p HOST&quot;) is taken from it; set &quot;%1&quot; in ~/.ssh/config.</source>
        <translation>取り込むのは踏み台ホストの指定 (-J、-o ProxyJump=、-o ProxyCommand=&quot;ssh -W %h:%p ホスト&quot;) だけです。&quot;%1&quot; は ~/.ssh/config に設定してください。</translation>
    </message>
    <message>
        <source>Tenkai stores no passwords; use a key or ssh-agent (and sudo rules that ask for no password).</source>
        <translation>Tenkai はパスワードを保存しません。鍵か ssh-agent を使ってください (sudo もパスワードを求めない設定にしてください)。</translation>
    </message>
    <message>
        <source>Tenkai still uses sudo -n where a step needs root (packages, the daemon&apos;s service).</source>
        <translation>Tenkai は root が必要な手順 (パッケージ、デーモンのサービス) では引き続き sudo -n を使います。</translation>
    </message>
    <message>
        <source>Tenkai becomes root with sudo -n only.</source>
        <translation>Tenkai が root になる方法は sudo -n だけです。</translation>
    </message>
    <message>
        <source>Tenkai becomes root only, with sudo -n.</source>
        <translation>Tenkai がなれるのは root だけで、sudo -n を使います。</translation>
    </message>
    <message>
        <source>Tenkai becomes root with a plain sudo -n.</source>
        <translation>Tenkai は素の sudo -n で root になります。</translation>
    </message>
</context>
<context>
    <name>KnownHostsText</name>
    <message>
        <source>%1 cannot be read (%2), so the keys it may trust were not seen.</source>
        <translation>%1 を読み込めないため (%2)、そこで信頼されているかもしれない鍵を確認できませんでした。</translation>
    </message>
    <message>
        <source>%1 holds more than %2 MB and was not read.</source>
        <translation>%1 は %2 MB を超えているため読み込みませんでした。</translation>
    </message>
    <message>
        <source>%1 names the host but its key is not valid base64; ssh skips that line too.</source>
        <translation>%1 はこのホストを指していますが、鍵が正しい base64 ではありません。ssh もこの行を読み飛ばします。</translation>
    </message>
    <message>
        <source>%1 names a certificate authority for this host; host certificates are not checked (libssh 0.10 cannot), so only plain key lines count.</source>
        <translation>%1 はこのホストの認証局を指定しています。ホスト証明書は確認しません (libssh 0.10 では確認できません) ので、有効なのは通常の鍵の行だけです。</translation>
    </message>
    <message>
        <source>cannot add the host key to %1: %2.</source>
        <translation>ホスト鍵を %1 に追加できません: %2。</translation>
    </message>
    <message>
        <source>its folder cannot be made</source>
        <translation>そのフォルダーを作成できません</translation>
    </message>
</context>
<context>
    <name>LocalShellText</name>
    <message>
        <source>%1 (this machine)</source>
        <translation>%1 (このマシン)</translation>
    </message>
    <message>
        <source>Site %1: /bin/sh did not start: %2.</source>
        <translation>拠点 %1: /bin/sh を起動できませんでした: %2。</translation>
    </message>
    <message>
        <source>Site %1: a command did not finish within %2 s; it was stopped.</source>
        <translation>拠点 %1: コマンドが %2 秒以内に終了しなかったため、停止しました。</translation>
    </message>
    <message>
        <source>Site %1: cannot write %2: %3.</source>
        <translation>拠点 %1: %2 に書き込めません: %3。</translation>
    </message>
    <message>
        <source>Site %1: cannot read %2: %3.</source>
        <translation>拠点 %1: %2 を読み込めません: %3。</translation>
    </message>
    <message>
        <source>cannot create its folder</source>
        <translation>配置先のフォルダーを作成できません</translation>
    </message>
    <message>
        <source>the written file&apos;s SHA-256 differs from the source&apos;s</source>
        <translation>書き込んだファイルの SHA-256 がソースのものと一致しません</translation>
    </message>
</context>
<context>
    <name>LogFile</name>
    <message>
        <source>Cannot open the log file %1: %2.</source>
        <translation>ログファイル %1 を開けません: %2。</translation>
    </message>
</context>
<context>
    <name>NodeText</name>
    <message numerus="yes">
        <source>%n policies</source>
        <translation>
            <numerusform>方針 %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resources</source>
        <translation>
            <numerusform>リソース %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n 項目</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown type &quot;%1&quot;</source>
        <translation>不明な種類「%1」</translation>
    </message>
    <message>
        <source>sites from input</source>
        <translation>入力の拠点</translation>
    </message>
    <message>
        <source>no targets</source>
        <translation>ターゲットなし</translation>
    </message>
    <message>
        <source>Click to show the log.</source>
        <translation>クリックするとログを表示します。</translation>
    </message>
</context>
<context>
    <name>PreflightText</name>
    <message>
        <source>Site %1 (local): the pre-flight script failed: %2</source>
        <translation>拠点 %1 (local): 事前チェックのスクリプトが失敗しました: %2</translation>
    </message>
    <message>
        <source>Site %1: the pre-flight script ended with status %2: %3</source>
        <translation>拠点 %1: 事前チェックのスクリプトが終了ステータス %2 で終了しました: %3</translation>
    </message>
</context>
<context>
    <name>Protocol</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>真偽値</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>文字列</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>配列</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>値なし</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is missing; expected %2.</source>
        <translation>フィールド &quot;%1&quot; がありません。%2 が必要です。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be %2, not %3.</source>
        <translation>フィールド &quot;%1&quot; は %3 ではなく %2 である必要があります。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be a run id: 1 to 64 letters, digits, dots, dashes or underscores, not starting with a dot; got &quot;%2&quot;.</source>
        <translation>フィールド &quot;%1&quot; はラン ID である必要があります。英字、数字、ドット、ハイフン、アンダースコアからなる 1〜64 文字で、ドットで始まらないものを指定してください (指定値: 「%2」)。</translation>
    </message>
    <message>
        <source>an object (the run configuration)</source>
        <translation>オブジェクト (ラン設定)</translation>
    </message>
    <message>
        <source>a run id or &quot;all&quot;</source>
        <translation>ラン ID または &quot;all&quot;</translation>
    </message>
    <message>
        <source>The field &quot;since_seq&quot; must be a whole number of 0 or more, got %1.</source>
        <translation>フィールド &quot;since_seq&quot; は 0 以上の整数である必要があります (指定値: %1)。</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>The field &quot;since_seq&quot; must be 0 or more, got %1.</source>
        <translation>フィールド &quot;since_seq&quot; は 0 以上である必要があります (指定値: %1)。</translation>
    </message>
    <message>
        <source>The message is not text: byte 0x%1 at offset %2 is not valid UTF-8.</source>
        <translation>メッセージがテキストではありません: オフセット %2 のバイト 0x%1 は有効な UTF-8 ではありません。</translation>
    </message>
    <message>
        <source>The message is %1 bytes long; the limit is %2 bytes.</source>
        <translation>メッセージの長さが %1 バイトあります。上限は %2 バイトです。</translation>
    </message>
    <message>
        <source>The message is not JSON: %1 at offset %2.</source>
        <translation>メッセージが JSON ではありません: %1 (オフセット %2)。</translation>
    </message>
    <message>
        <source>The message must be a JSON object, not %1.</source>
        <translation>メッセージは %1 ではなく JSON オブジェクトである必要があります。</translation>
    </message>
    <message>
        <source>a single value</source>
        <translation>単一の値</translation>
    </message>
    <message>
        <source>the protocol version 1</source>
        <translation>プロトコルバージョン 1</translation>
    </message>
    <message>
        <source>a number (the protocol version)</source>
        <translation>数値 (プロトコルバージョン)</translation>
    </message>
    <message>
        <source>Protocol version %1 is not supported; this side speaks version %2.</source>
        <translation>プロトコルバージョン %1 には対応していません。こちら側が使用するのはバージョン %2 です。</translation>
    </message>
    <message>
        <source>the message type</source>
        <translation>メッセージの種類</translation>
    </message>
    <message>
        <source>a string (the message type)</source>
        <translation>文字列 (メッセージの種類)</translation>
    </message>
    <message>
        <source>a string or a number</source>
        <translation>文字列または数値</translation>
    </message>
    <message>
        <source>Unknown request type &quot;%1&quot;; expected one of %2.</source>
        <translation>不明なリクエストの種類「%1」です。%2 のいずれかを指定してください。</translation>
    </message>
    <message>
        <source>the event&apos;s sequence number</source>
        <translation>イベントのシーケンス番号</translation>
    </message>
    <message>
        <source>a whole number of 1 or more</source>
        <translation>1 以上の整数</translation>
    </message>
    <message>
        <source>The field &quot;data_dir&quot; must name a folder on the site.</source>
        <translation>フィールド &quot;data_dir&quot; には拠点上のフォルダーを指定してください。</translation>
    </message>
    <message>
        <source>The field &quot;test_limit&quot; must be a whole number of 0 or more.</source>
        <translation>フィールド &quot;test_limit&quot; は 0 以上の整数である必要があります。</translation>
    </message>
    <message>
        <source>a nonce of 32 to 128 hex digits (or the handshake&apos;s answer, or the token)</source>
        <translation>16 進数 32〜128 桁の nonce (またはハンドシェイクの answer、またはトークン)</translation>
    </message>
    <message>
        <source>A hello carries one of &quot;nonce&quot;, &quot;answer&quot; and &quot;token&quot;, not more.</source>
        <translation>hello に入れられるのは &quot;nonce&quot;、&quot;answer&quot;、&quot;token&quot; のうち一つだけです。</translation>
    </message>
    <message>
        <source>The field &quot;nonce&quot; must be 32 to 128 lowercase hex digits.</source>
        <translation>フィールド &quot;nonce&quot; は小文字の 16 進数 32〜128 桁でなければなりません。</translation>
    </message>
    <message>
        <source>The field &quot;answer&quot; must be 64 lowercase hex digits.</source>
        <translation>フィールド &quot;answer&quot; は小文字の 16 進数 64 桁でなければなりません。</translation>
    </message>
</context>
<context>
    <name>RecipeText</name>
    <message>
        <source>Cannot read the recipe %1: %2.</source>
        <translation>レシピ %1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>%1: not valid YAML: %2.</source>
        <translation>%1: YAML として正しくありません: %2。</translation>
    </message>
    <message>
        <source>%1: a recipe is a map with &quot;format: tenkai-recipe&quot; and &quot;resources&quot;.</source>
        <translation>%1: レシピは &quot;format: tenkai-recipe&quot; と &quot;resources&quot; を含むマップである必要があります。</translation>
    </message>
    <message>
        <source>%1: field &quot;format&quot; must be tenkai-recipe.</source>
        <translation>%1: フィールド &quot;format&quot; は tenkai-recipe である必要があります。</translation>
    </message>
    <message>
        <source>%1: field &quot;version&quot;: this Tenkai reads recipe version 1.</source>
        <translation>%1: フィールド &quot;version&quot;: この Tenkai が読み込めるのはレシピのバージョン 1 です。</translation>
    </message>
    <message>
        <source>%1: field &quot;resources&quot; must be a list.</source>
        <translation>%1: フィールド &quot;resources&quot; はリストである必要があります。</translation>
    </message>
    <message>
        <source>%1: each resource is a map such as {file: PATH, source: FILE}.</source>
        <translation>%1: 各リソースは {file: PATH, source: FILE} のようなマップである必要があります。</translation>
    </message>
    <message>
        <source>%1: field &quot;%2&quot; must be a non-empty text.</source>
        <translation>%1: フィールド &quot;%2&quot; には空でない文字列を指定してください。</translation>
    </message>
    <message>
        <source>%1: field &quot;mode&quot; must be octal permissions such as &quot;0644&quot; (got &quot;%2&quot;).</source>
        <translation>%1: フィールド &quot;mode&quot; には &quot;0644&quot; のような 8 進数のパーミッションを指定してください (指定値: 「%2」)。</translation>
    </message>
    <message>
        <source>%1: a %2 needs a &quot;source&quot;.</source>
        <translation>%1: %2 リソースには &quot;source&quot; が必要です。</translation>
    </message>
    <message>
        <source>%1: &quot;unless&quot; and &quot;creates&quot; belong to commands.</source>
        <translation>%1: &quot;unless&quot; と &quot;creates&quot; は command リソースでのみ使用できます。</translation>
    </message>
    <message>
        <source>%1: unknown field &quot;%2&quot; (known: format, version, resources).</source>
        <translation>%1: 不明なフィールド &quot;%2&quot; です (有効なフィールド: format, version, resources)。</translation>
    </message>
    <message>
        <source>%1: field &quot;format: tenkai-recipe&quot; is missing.</source>
        <translation>%1: フィールド &quot;format: tenkai-recipe&quot; がありません。</translation>
    </message>
    <message>
        <source>%1: field &quot;resources&quot; is missing.</source>
        <translation>%1: フィールド &quot;resources&quot; がありません。</translation>
    </message>
    <message>
        <source>%1: site &quot;%2&quot; has no variable &quot;%3&quot; (known: name, host, user, port, root, daemon_port, labels.KEY).</source>
        <translation>%1: 拠点「%2」に変数 &quot;%3&quot; はありません (有効な変数: name, host, user, port, root, daemon_port, labels.KEY)。</translation>
    </message>
    <message>
        <source>%1: the path is empty for site &quot;%2&quot;.</source>
        <translation>%1: 拠点「%2」ではパスが空になります。</translation>
    </message>
    <message>
        <source>%1: cannot read the source %2: %3.</source>
        <translation>%1: ソース %2 を読み込めません: %3。</translation>
    </message>
    <message>
        <source>Site %1: checking %2 (%3) gave no answer: %4</source>
        <translation>拠点 %1: %2 (%3) の確認で応答がありませんでした: %4</translation>
    </message>
    <message>
        <source>mode %1</source>
        <translation>モード %1</translation>
    </message>
    <message>
        <source>something else is in the way (not a %1)</source>
        <translation>別のものが存在します (%1 ではありません)</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>present but unreadable</source>
        <translation>存在しますが読み取れません</translation>
    </message>
    <message>
        <source>mode %1 -&gt; %2</source>
        <translation>モード %1 -&gt; %2</translation>
    </message>
    <message>
        <source>sha256 %1 -&gt; %2</source>
        <translation>sha256 %1 -&gt; %2</translation>
    </message>
    <message>
        <source>Site %1: %2 (%3) failed with status %4: %5</source>
        <translation>拠点 %1: %2 (%3) が終了ステータス %4 で失敗しました: %5</translation>
    </message>
    <message>
        <source>no message</source>
        <translation>メッセージなし</translation>
    </message>
    <message>
        <source>%1: a resource has one kind (directory, file, template, command, package, service, tenkaid or model), this one has two.</source>
        <translation>%1: リソースの種類は 1 つだけです（directory、file、template、command、package、service、tenkaid、model のいずれか）。このリソースには 2 つあります。</translation>
    </message>
    <message>
        <source>%1: field &quot;state&quot; must be running, stopped or restarted (got &quot;%2&quot;).</source>
        <translation>%1: フィールド &quot;state&quot; は running、stopped、restarted のいずれかにしてください（指定値:「%2」）。</translation>
    </message>
    <message>
        <source>%1: field &quot;sha256&quot; must be 64 hexadecimal digits.</source>
        <translation>%1: フィールド &quot;sha256&quot; は 16 進数 64 桁にしてください。</translation>
    </message>
    <message>
        <source>%1: unknown field &quot;%2&quot; (known: directory, file, template, command, package, service, tenkaid, model, source, mode, unless, creates, deb, state, start, pid_file, sha256, state_dir, port).</source>
        <translation>%1: 不明なフィールド &quot;%2&quot; です（使えるもの: directory、file、template、command、package、service、tenkaid、model、source、mode、unless、creates、deb、state、start、pid_file、sha256、state_dir、port）。</translation>
    </message>
    <message>
        <source>%1: the resource has no kind: give directory, file, template, command, package, service, tenkaid or model.</source>
        <translation>%1: リソースの種類がありません。directory、file、template、command、package、service、tenkaid、model のいずれかを指定してください。</translation>
    </message>
    <message>
        <source>%1: a %2 takes no &quot;%3&quot;.</source>
        <translation>%1: %2 には &quot;%3&quot; を指定できません。</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a Debian package name (lower-case letters, digits, +, - and .).</source>
        <translation>%1:「%2」は Debian のパッケージ名ではありません（使える文字は英小文字、数字、+、-、. です）。</translation>
    </message>
    <message>
        <source>%1: a service name has letters, digits, _, ., @ and - only (got &quot;%2&quot;).</source>
        <translation>%1: サービス名に使える文字は英字、数字、_、.、@、- だけです（指定値:「%2」）。</translation>
    </message>
    <message>
        <source>%1: a service needs a &quot;start&quot; command (the process, run in the foreground).</source>
        <translation>%1: サービスには &quot;start&quot; コマンド（フォアグラウンドで動くプロセス）が必要です。</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1: cannot read the package %2 with dpkg-deb: %3</source>
        <translation>%1: パッケージ %2 を dpkg-deb で読めません: %3</translation>
    </message>
    <message>
        <source>dpkg-deb is not installed on this machine.</source>
        <translation>このマシンには dpkg-deb がインストールされていません。</translation>
    </message>
    <message>
        <source>%1: %2 has no Package or Version field.</source>
        <translation>%1: %2 に Package または Version フィールドがありません。</translation>
    </message>
    <message>
        <source>%1: %2 --version did not run here: %3</source>
        <translation>%1: このマシンで %2 --version を実行できませんでした: %3</translation>
    </message>
    <message>
        <source>%1: %2 --version printed nothing.</source>
        <translation>%1: %2 --version が何も出力しませんでした。</translation>
    </message>
    <message>
        <source>%1: the source %2 is not a readable file.</source>
        <translation>%1: ソース %2 は読み取れるファイルではありません。</translation>
    </message>
    <message>
        <source>%1: the source %2 has SHA-256 %3, not the %4 the recipe expects; nothing was sent.</source>
        <translation>%1: ソース %2 の SHA-256 は %3 で、レシピが期待する %4 ではありません。何も送信していません。</translation>
    </message>
    <message>
        <source>%1: %2 holds the package &quot;%3&quot;, not &quot;%4&quot;.</source>
        <translation>%1: %2 に入っているのはパッケージ「%3」で、「%4」ではありません。</translation>
    </message>
    <message>
        <source>%1: field &quot;port&quot; must be a port number from 1 to 65535 (got &quot;%2&quot;).</source>
        <translation>%1: フィールド &quot;port&quot; は 1 から 65535 までのポート番号にしてください（指定値:「%2」）。</translation>
    </message>
    <message>
        <source>%1: the source %2 is not a readable file (site &quot;%3&quot;).</source>
        <translation>%1: ソース %2 は読み取れるファイルではありません（拠点「%3」）。</translation>
    </message>
    <message>
        <source>it exited at once; the end of its log %1:</source>
        <translation>すぐに終了しました。ログ %1 の末尾:</translation>
    </message>
    <message>
        <source>it does not listen on port %1 after 30 s.</source>
        <translation>30 秒たってもポート %1 で待ち受けていません。</translation>
    </message>
    <message>
        <source>%1, sha256 %2, mode %3</source>
        <translation>%1、sha256 %2、モード %3</translation>
    </message>
    <message>
        <source>version %1 -&gt; %2 from %3</source>
        <translation>バージョン %1 -&gt; %2（%3 から）</translation>
    </message>
    <message>
        <source>not installed; will install version %1 from %2 (%3)</source>
        <translation>未インストール。%2 からバージョン %1 をインストールします（%3）</translation>
    </message>
    <message>
        <source>not installed, and apt on the site knows no such package: the apply will fail (give a &quot;deb&quot; or add its repository)</source>
        <translation>未インストールで、拠点の apt もこのパッケージを知りません。適用は失敗します（&quot;deb&quot; を指定するか、リポジトリを追加してください）</translation>
    </message>
    <message>
        <source>not installed; apt-get will install version %1</source>
        <translation>未インストール。apt-get がバージョン %1 をインストールします</translation>
    </message>
    <message>
        <source>under systemd --user</source>
        <translation>systemd --user の下で</translation>
    </message>
    <message>
        <source>pid file %1</source>
        <translation>PID ファイル %1</translation>
    </message>
    <message>
        <source>running (%1): stop</source>
        <translation>実行中（%1）: 停止</translation>
    </message>
    <message>
        <source>restart</source>
        <translation>再起動</translation>
    </message>
    <message>
        <source>start</source>
        <translation>起動</translation>
    </message>
    <message>
        <source>start: %1</source>
        <translation>起動: %1</translation>
    </message>
    <message>
        <source>install (%1)</source>
        <translation>インストール（%1）</translation>
    </message>
    <message>
        <source>version &quot;%1&quot; -&gt; &quot;%2&quot;</source>
        <translation>バージョン「%1」-&gt;「%2」</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>restart on port %1</source>
        <translation>ポート %1 で再起動</translation>
    </message>
    <message>
        <source>start on port %1</source>
        <translation>ポート %1 で起動</translation>
    </message>
    <message>
        <source>not running: start on port %1</source>
        <translation>停止中: ポート %1 で起動</translation>
    </message>
    <message>
        <source>running but not listening on port %1: restart</source>
        <translation>実行中ですがポート %1 で待ち受けていません: 再起動</translation>
    </message>
    <message>
        <source>Site %1: not enough disk space: the recipe uploads %2 to %3, which has %4 free; nothing was changed.</source>
        <translation>拠点 %1: ディスク容量が足りません。レシピは %3 に %2 をアップロードしますが、空きは %4 です。何も変更していません。</translation>
    </message>
    <message>
        <source>the file system</source>
        <translation>ファイルシステム</translation>
    </message>
    <message>
        <source>Site %1 is %2, and %3 (%4) is built for %5: it cannot run there. Give the site daemon: package with a tenkaid package built for it (docs/deployment.md); nothing was changed.</source>
        <translation>サイト %1 は %2 ですが、%3 (%4) は %5 向けにビルドされているため、そこでは動きません。サイトを daemon: package にし、そのサイト向けにビルドした tenkaid パッケージを用意してください (docs/deployment.md)。何も変更していません。</translation>
    </message>
    <message>
        <source>Site %1 lacks libraries that %2 needs to start: %3. Give the site daemon: package, whose Depends apt installs (docs/deployment.md), or install them there; nothing was changed.</source>
        <translation>サイト %1 には、%2 の起動に必要なライブラリがありません: %3。サイトを daemon: package にする (その Depends は apt がインストールします。docs/deployment.md) か、サイトにそれらをインストールしてください。何も変更していません。</translation>
    </message>
    <message>
        <source>%1 (%2) is a damaged program: its ELF headers point outside the file (cut short by a copy?). Build or copy it again; nothing was sent to site %3.</source>
        <translation>%1 (%2) は壊れたプログラムです: ELF ヘッダーがファイルの外を指しています (コピーの途中で切れた可能性があります)。ビルドし直すかコピーし直してください。サイト %3 には何も送っていません。</translation>
    </message>
    <message>
        <source>%1: {{ %2 }} sits inside %3 (line %4 of the command), where no quoting keeps a value as it is. Give it to a shell variable first (v={{ %2 }}) and use &quot;$v&quot; there.</source>
        <translation>%1: {{ %2 }} が%3の中 (コマンドの %4 行目) にあり、そこでは値をそのまま保つクォートがありません。先にシェル変数に入れ (v={{ %2 }})、そこでは &quot;$v&quot; を使ってください。</translation>
    </message>
    <message>
        <source>%1: the value of {{ %2 }} for site &quot;%3&quot; holds a line break, which would end the %4 it sits in (line %5 of the command); a value there must be one line.</source>
        <translation>%1: サイト &quot;%3&quot; の {{ %2 }} の値に改行が含まれており、置かれている%4 (コマンドの %5 行目) を終わらせてしまいます。そこに置く値は 1 行でなければなりません。</translation>
    </message>
    <message>
        <source>here-document</source>
        <translation>ヒアドキュメント</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>a backquoted command `...`</source>
        <translation>バッククォートのコマンド `...`</translation>
    </message>
    <message>
        <source>a parameter expansion ${...}</source>
        <translation>パラメーター展開 ${...}</translation>
    </message>
    <message>
        <source>an arithmetic expansion $((...))</source>
        <translation>算術展開 $((...))</translation>
    </message>
    <message>
        <source>The recipe %1 holds more than %2 MB: it is not a recipe.</source>
        <translation>レシピ %1 は %2 MB を超えています。レシピではありません。</translation>
    </message>
    <message>
        <source>a $&apos;...&apos; string</source>
        <translation>$&apos;...&apos; 文字列</translation>
    </message>
</context>
<context>
    <name>RunConfig</name>
    <message>
        <source>an array</source>
        <translation>配列</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>値なし</translation>
    </message>
    <message>
        <source>The run configuration&apos;s field &quot;%1&quot; must be %2; got %3.</source>
        <translation>ラン設定のフィールド &quot;%1&quot; には %2 を指定してください (指定値: %3)。</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>文字列</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>%1 のいずれか</translation>
    </message>
    <message>
        <source>an absolute path on the daemon&apos;s machine</source>
        <translation>デーモンのマシン上の絶対パス</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>%1 から %2 までの整数</translation>
    </message>
    <message>
        <source>a number in %1%2, %3%4</source>
        <translation>%1%2, %3%4 の範囲の数値</translation>
    </message>
    <message>
        <source>an augmentation policy (a name such as %1, or its text form)</source>
        <translation>データ拡張の方針 (%1 などの名前、またはそのテキスト形式)</translation>
    </message>
    <message>
        <source>The run configuration&apos;s field &quot;%1&quot; is not an augmentation policy: %2.</source>
        <translation>ラン設定のフィールド &quot;%1&quot; はデータ拡張の方針として正しくありません: %2。</translation>
    </message>
    <message>
        <source>The run configuration has an unknown field &quot;%1&quot;; known fields: %2.</source>
        <translation>ラン設定に不明なフィールド &quot;%1&quot; があります。有効なフィールド: %2。</translation>
    </message>
    <message>
        <source>[width, height] with each side from 1 to 4096</source>
        <translation>各辺が 1〜4096 の [width, height]</translation>
    </message>
    <message>
        <source>1 (gray) or 3 (color)</source>
        <translation>1 (グレー) または 3 (カラー)</translation>
    </message>
    <message>
        <source>an array of 1 to 64 members, each {&quot;augment&quot;, &quot;seed&quot;}</source>
        <translation>1〜64 個のメンバーの配列 (各要素は {&quot;augment&quot;, &quot;seed&quot;})</translation>
    </message>
    <message>
        <source>an object {&quot;augment&quot;, &quot;seed&quot;}</source>
        <translation>オブジェクト {&quot;augment&quot;, &quot;seed&quot;}</translation>
    </message>
    <message>
        <source>The run configuration&apos;s field &quot;config.freeze&quot; needs &quot;config.init_from&quot;: only a pretrained model has layers to keep fixed.</source>
        <translation>ラン設定のフィールド &quot;config.freeze&quot; には &quot;config.init_from&quot; が必要です: 固定する層があるのは事前学習済みモデルだけです。</translation>
    </message>
</context>
<context>
    <name>RunStatusText</name>
    <message>
        <source>waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>SceneText</name>
    <message>
        <source>Add %1</source>
        <translation>%1 を追加</translation>
    </message>
    <message>
        <source>No flow is open.</source>
        <translation>フローが開かれていません。</translation>
    </message>
    <message>
        <source>There are no nodes to paste.</source>
        <translation>貼り付けるノードがありません。</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>ノード %n 個を貼り付け</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SiteProbeText</name>
    <message>
        <source>The daemon at %1 did not answer in time.</source>
        <translation>%1 のデーモンが時間内に応答しませんでした。</translation>
    </message>
</context>
<context>
    <name>SitesCommand</name>
    <message>
        <source>The inventory file (inventory.yaml).</source>
        <translation>インベントリファイル (inventory.yaml)。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Only these sites: names, groups, globs, !exclusions, &amp;intersections, separated by &apos;,&apos; or &apos;:&apos;.</source>
        <translation>対象をこれらの拠点に限定します: 名前、グループ、グロブ、!除外、&amp;共通部分を &apos;,&apos; または &apos;:&apos; で区切って指定します。</translation>
    </message>
    <message>
        <source>PATTERN</source>
        <translation>パターン</translation>
    </message>
    <message>
        <source>Sites handled at the same time (default 10).</source>
        <translation>同時に処理する拠点の数 (既定 10)。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Pin the host keys of sites contacted for the first time (a changed key is still refused).</source>
        <translation>初めて接続する拠点のホスト鍵をピン留めします (変更された鍵は引き続き拒否します)。</translation>
    </message>
    <message>
        <source>The known_hosts file holding the pinned host keys (default: known_hosts beside the inventory).</source>
        <translation>ピン留めしたホスト鍵を保存する known_hosts ファイル (既定: インベントリと同じ場所にある known_hosts)。</translation>
    </message>
    <message>
        <source>Read this ssh config instead of ~/.ssh/config and /etc/ssh/ssh_config.</source>
        <translation>~/.ssh/config と /etc/ssh/ssh_config の代わりに、この ssh 設定ファイルを読み込みます。</translation>
    </message>
    <message>
        <source>Seconds allowed for connecting and for each step (default 10).</source>
        <translation>接続と各ステップに許容する秒数 (既定 10)。</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Print the results as one JSON object.</source>
        <translation>結果を 1 つの JSON オブジェクトとして出力します。</translation>
    </message>
    <message>
        <source>give the inventory with --inventory FILE.</source>
        <translation>--inventory ファイル でインベントリを指定してください。</translation>
    </message>
    <message>
        <source>no site is selected.</source>
        <translation>拠点が 1 つも選択されていません。</translation>
    </message>
    <message>
        <source>Pre-flight the inventory&apos;s sites over SSH: reachable, architecture, free disk in the site root, tenkaid version, GPU.</source>
        <translation>インベントリの拠点を SSH 経由で事前チェックします: 到達性、アーキテクチャ、拠点ルートの空きディスク容量、tenkaid のバージョン、GPU。</translation>
    </message>
    <message>
        <source>SITE</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>ARCH</source>
        <translation>アーキテクチャ</translation>
    </message>
    <message>
        <source>FREE GiB</source>
        <translation>空き GiB</translation>
    </message>
    <message>
        <source>TENKAID</source>
        <translation>TENKAID</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未インストール</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>%1: pinned new host key %2 in %3.</source>
        <translation>%1: 新しいホスト鍵 %2 を %3 にピン留めしました。</translation>
    </message>
    <message>
        <source>%1 of %2 sites passed.</source>
        <translation>%2 拠点中 %1 拠点が合格しました。</translation>
    </message>
    <message>
        <source>Bring the selected sites to the state the recipe declares.</source>
        <translation>選択した拠点を、レシピで宣言された状態にします。</translation>
    </message>
    <message>
        <source>Show what applying the recipe would change on each site (changes nothing).</source>
        <translation>レシピを適用すると各拠点で何が変わるかを表示します (何も変更しません)。</translation>
    </message>
    <message>
        <source>The recipe file.</source>
        <translation>レシピファイル。</translation>
    </message>
    <message>
        <source>Apply in rolling batches of N sites (default: all at once).</source>
        <translation>N 拠点ずつのローリングバッチで適用します (既定: すべて同時)。</translation>
    </message>
    <message>
        <source>Start no new site once more than N sites (or P% of them) failed.</source>
        <translation>失敗した拠点が N 拠点 (または全体の P%) を超えたら、新たな拠点の処理を開始しません。</translation>
    </message>
    <message>
        <source>N|P%</source>
        <translation>N|P%</translation>
    </message>
    <message>
        <source>Only the sites that failed or were skipped in the last apply.</source>
        <translation>前回の適用で失敗またはスキップした拠点だけを対象にします。</translation>
    </message>
    <message>
        <source>give the recipe with --recipe FILE.</source>
        <translation>--recipe ファイル でレシピを指定してください。</translation>
    </message>
    <message>
        <source>--max-fail expects a number of sites or a percentage such as 20%, got &quot;%1&quot;.</source>
        <translation>--max-fail には拠点数、または 20% のような割合を指定してください (指定値: 「%1」)。</translation>
    </message>
    <message>
        <source>there is no earlier apply to retry (%1 is missing).</source>
        <translation>再試行できる以前の適用がありません (%1 がありません)。</translation>
    </message>
    <message>
        <source>the last apply used the recipe %1, not %2.</source>
        <translation>前回の適用で使われたレシピは %2 ではなく %1 です。</translation>
    </message>
    <message>
        <source>No failed site to retry.</source>
        <translation>再試行する失敗拠点はありません。</translation>
    </message>
    <message>
        <source>cannot write %1: %2.</source>
        <translation>%1 に書き込めません: %2。</translation>
    </message>
    <message>
        <source>%1: FAILED: %2</source>
        <translation>%1: 失敗: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n change(s)</source>
        <translation>
            <numerusform>%1: 変更 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: no changes</source>
        <translation>%1: 変更なし</translation>
    </message>
    <message>
        <source>RESULT</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>変更あり</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>(= unchanged, + changed, ! failed, . not run)</source>
        <translation>(= 変更なし、+ 変更あり、! 失敗、. 未実行)</translation>
    </message>
    <message numerus="yes">
        <source>Nothing changed: all %n site(s) are in the declared state.</source>
        <translation>
            <numerusform>変更はありませんでした: %n 拠点すべてが宣言された状態です。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing to change: all %n site(s) are in the declared state.</source>
        <translation>
            <numerusform>変更の必要はありません: %n 拠点すべてが宣言された状態です。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 changed, %2 unchanged, %3 failed, %4 skipped.</source>
        <translation>変更あり %1、変更なし %2、失敗 %3、スキップ %4。</translation>
    </message>
    <message>
        <source>%1 would change, %2 unchanged, %3 failed, %4 skipped.</source>
        <translation>変更予定 %1、変更なし %2、失敗 %3、スキップ %4。</translation>
    </message>
    <message>
        <source>Run again with --retry-failed to retry only those sites.</source>
        <translation>これらの拠点だけを再試行するには、--retry-failed を付けて再実行してください。</translation>
    </message>
    <message>
        <source>Write the inventory here instead of stdout.</source>
        <translation>標準出力の代わりに、このファイルにインベントリを書き出します。</translation>
    </message>
    <message>
        <source>The Ansible inventory file.</source>
        <translation>Ansible インベントリファイル。</translation>
    </message>
    <message>
        <source>ANSIBLE_INVENTORY</source>
        <translation>Ansibleインベントリ</translation>
    </message>
    <message>
        <source>give exactly one Ansible inventory file.</source>
        <translation>Ansible インベントリファイルを 1 つだけ指定してください。</translation>
    </message>
    <message>
        <source>Wrote %1 sites to %2.</source>
        <translation>%1 拠点を %2 に書き出しました。</translation>
    </message>
    <message>
        <source>Also check that each site root has room for what this recipe uploads.</source>
        <translation>このレシピがアップロードする分の空きが各拠点のルートにあるかも確認します。</translation>
    </message>
    <message>
        <source>Site %1: not enough disk space in its root: the recipe uploads %2, %3 are free.</source>
        <translation>拠点 %1: ルートのディスク容量が足りません。レシピは %2 をアップロードしますが、空きは %3 です。</translation>
    </message>
    <message>
        <source>UPLOAD</source>
        <translation>アップロード</translation>
    </message>
    <message>
        <source>CPUS</source>
        <translation>CPU数</translation>
    </message>
    <message>
        <source>MEM GiB</source>
        <translation>メモリ GiB</translation>
    </message>
    <message>
        <source>Where --accept-new pins new host keys: workspace (the known_hosts beside the inventory, the default) or user (the ssh config&apos;s UserKnownHostsFile, ~/.ssh/known_hosts, so that ssh trusts them too).</source>
        <translation>--accept-new が新しいホスト鍵を記録する場所: workspace (インベントリと同じ場所の known_hosts。既定) または user (ssh 設定の UserKnownHostsFile、~/.ssh/known_hosts。ssh もその鍵を信頼するようになります)。</translation>
    </message>
    <message>
        <source>WHERE</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>--pin-to takes workspace or user, not &quot;%1&quot;.</source>
        <translation>--pin-to に指定できるのは workspace か user です (&quot;%1&quot; は指定できません)。</translation>
    </message>
    <message>
        <source>Print how a site is reached, without connecting: its connection as the ssh config resolves it (the lines `ssh -G` prints), the known_hosts lines that trust its host key, and what of the ssh config Tenkai does not use.</source>
        <translation>接続せずに、拠点への接続方法を表示します: ssh 設定で解決された接続 (`ssh -G` が表示する行)、ホスト鍵を信頼している known_hosts の行、ssh 設定のうち Tenkai が使わないもの。</translation>
    </message>
    <message>
        <source>The workspace&apos;s known_hosts file (default: known_hosts beside the inventory).</source>
        <translation>ワークスペースの known_hosts ファイル (既定: インベントリと同じ場所の known_hosts)。</translation>
    </message>
    <message>
        <source>Print the result as one JSON object.</source>
        <translation>結果を 1 つの JSON オブジェクトとして表示します。</translation>
    </message>
    <message>
        <source>The site&apos;s name.</source>
        <translation>拠点の名前。</translation>
    </message>
    <message>
        <source>give the inventory with --inventory FILE and one site.</source>
        <translation>--inventory ファイル でインベントリを指定し、拠点を 1 つ指定してください。</translation>
    </message>
    <message>
        <source>%1 has no site &quot;%2&quot; (its sites: %3).</source>
        <translation>%1 には拠点 &quot;%2&quot; がありません (拠点: %3)。</translation>
    </message>
    <message>
        <source>%1 is this machine (transport local): it is reached without SSH.</source>
        <translation>%1 はこのマシン (transport local) です。SSH を使わずに接続します。</translation>
    </message>
    <message>
        <source>site %1: %2</source>
        <translation>拠点 %1: %2</translation>
    </message>
    <message>
        <source># %1 (%2): connects as %3</source>
        <translation># %1 (%2): %3 として接続します</translation>
    </message>
    <message>
        <source># ssh config files read: %1</source>
        <translation># 読み込んだ ssh 設定ファイル: %1</translation>
    </message>
    <message>
        <source># host keys for %1, looked up in %2:</source>
        <translation># %1 のホスト鍵 (検索したファイル: %2):</translation>
    </message>
    <message>
        <source>#   none yet: the first connection asks to accept the key (--accept-new).</source>
        <translation>#   まだありません: 最初の接続で鍵の受け入れを求めます (--accept-new)。</translation>
    </message>
    <message>
        <source># set in the ssh config and not used by Tenkai:</source>
        <translation># ssh 設定にあり、Tenkai が使わないもの:</translation>
    </message>
    <message>
        <source>Usage: %1 sites check|plan|apply --inventory FILE [--limit PATTERN] [--forks N] [--accept-new [--pin-to workspace|user]] [--recipe FILE] [--json]
       %1 sites show --inventory FILE SITE [--json]
See %1 sites check --help (plan, apply, show) for every option.
</source>
        <translation>使い方: %1 sites check|plan|apply --inventory ファイル [--limit パターン] [--forks N] [--accept-new [--pin-to workspace|user]] [--recipe ファイル] [--json]
       %1 sites show --inventory ファイル 拠点 [--json]
すべてのオプションについては %1 sites check --help (plan、apply、show も同様) を参照してください。
</translation>
    </message>
    <message>
        <source>%1 sites: unknown subcommand &quot;%2&quot;; use check, plan, apply or show.</source>
        <translation>%1 sites: 不明なサブコマンド &quot;%2&quot; です。check、plan、apply、show のいずれかを使ってください。</translation>
    </message>
    <message>
        <source>Convert an Ansible inventory (INI or YAML, with the group_vars/ and host_vars/ beside it, or the JSON that ansible-inventory --list prints) into a Tenkai inventory; what cannot be mapped is listed on stderr.</source>
        <translation>Ansible インベントリ (INI または YAML と、その隣の group_vars/ と host_vars/、または ansible-inventory --list が出力する JSON) を Tenkai のインベントリに変換します。対応付けられないものは標準エラー出力に一覧表示します。</translation>
    </message>
    <message>
        <source>Let Ansible read the inventory (ansible-inventory -i ANSIBLE_INVENTORY --list, with your ansible.cfg, plugins, scripts and vault password) and import what it prints.</source>
        <translation>インベントリを Ansible に読ませ (ansible-inventory -i ANSIBLEインベントリ --list。あなたの ansible.cfg、プラグイン、スクリプト、vault パスワードを使います)、その出力を取り込みます。</translation>
    </message>
    <message>
        <source>ansible-inventory cannot be started (%1); install Ansible (apt install ansible-core), or leave out --with-ansible for Tenkai to read INI and YAML inventories itself.</source>
        <translation>ansible-inventory を起動できません (%1)。Ansible をインストールする (apt install ansible-core) か、--with-ansible を付けずに Tenkai 自身に INI と YAML のインベントリを読ませてください。</translation>
    </message>
    <message>
        <source>ansible-inventory did not finish within 5 minutes.</source>
        <translation>ansible-inventory が 5 分以内に終わりませんでした。</translation>
    </message>
    <message>
        <source>ansible-inventory -i %1 --list failed (exit status %2): %3</source>
        <translation>ansible-inventory -i %1 --list が失敗しました (終了ステータス %2): %3</translation>
    </message>
    <message>
        <source>Write the inventory&apos;s sites for another tool: --format ansible writes an Ansible YAML inventory (ansible_host, ansible_port, ansible_user, the key file, a jump host, the labels as host variables, groups as children), so that existing playbooks can target the same sites.</source>
        <translation>インベントリの拠点を他のツール向けに書き出します: --format ansible は Ansible の YAML インベントリ (ansible_host、ansible_port、ansible_user、鍵ファイル、踏み台ホスト、ホスト変数としてのラベル、children としてのグループ) を書き出し、既存のプレイブックが同じ拠点を対象にできるようにします。</translation>
    </message>
    <message>
        <source>The format to write: ansible.</source>
        <translation>書き出す形式: ansible。</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Write here instead of stdout.</source>
        <translation>標準出力の代わりにここへ書き出します。</translation>
    </message>
    <message>
        <source>--format takes ansible (the only format so far).</source>
        <translation>--format に指定できるのは ansible です (現在はこの形式だけです)。</translation>
    </message>
    <message>
        <source>Ansible finds no host in %1.</source>
        <translation>Ansible は %1 にホストを 1 つも見つけられません。</translation>
    </message>
</context>
<context>
    <name>SqliteText</name>
    <message>
        <source>Qt&apos;s SQLite driver is not installed (libqt6sql6-sqlite)</source>
        <translation>Qt の SQLite ドライバーがインストールされていません (libqt6sql6-sqlite)</translation>
    </message>
    <message>
        <source>it was written by a newer %1 (schema %2; this one knows %3)</source>
        <translation>新しい %1 で書き込まれています (スキーマ %2。この %1 が対応するのはスキーマ %3 まで)</translation>
    </message>
</context>
<context>
    <name>SshConfigText</name>
    <message>
        <source>%1: Include goes deeper than %2 files (an Include loop?).</source>
        <translation>%1: Include が %2 ファイルより深くなっています (Include のループでは?)。</translation>
    </message>
    <message>
        <source>the ssh config %1 has bad owner or permissions (ssh refuses it too): make it yours and not writable by others (chmod 600).</source>
        <translation>ssh 設定 %1 の所有者またはパーミッションが不適切です (ssh も拒否します)。自分の所有にし、他人が書き込めないようにしてください (chmod 600)。</translation>
    </message>
    <message>
        <source>cannot read the ssh config %1: %2.</source>
        <translation>ssh 設定 %1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>the ssh config %1 holds more than %2 MB: it is not an ssh config.</source>
        <translation>ssh 設定 %1 は %2 MB を超えています。ssh 設定ではありません。</translation>
    </message>
    <message>
        <source>%1: Match needs a criterion (all, host, user, exec, ...).</source>
        <translation>%1: Match には条件が必要です (all、host、user、exec など)。</translation>
    </message>
    <message>
        <source>%1: Match %2 needs an argument.</source>
        <translation>%1: Match %2 には引数が必要です。</translation>
    </message>
    <message>
        <source>%1: Match %2 is a criterion Tenkai does not evaluate (known: all, canonical, final, exec, host, originalhost, user, localuser).</source>
        <translation>%1: Match %2 は Tenkai が評価しない条件です (使えるもの: all、canonical、final、exec、host、originalhost、user、localuser)。</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a &quot;Keyword value&quot; line.</source>
        <translation>%1: &quot;%2&quot; は「キーワード 値」の行ではありません。</translation>
    </message>
    <message>
        <source>%1: a quote is not closed.</source>
        <translation>%1: 引用符が閉じていません。</translation>
    </message>
    <message>
        <source>%1: Host needs at least one pattern.</source>
        <translation>%1: Host には少なくとも 1 つのパターンが必要です。</translation>
    </message>
    <message>
        <source>%1: Include needs a file.</source>
        <translation>%1: Include にはファイルが必要です。</translation>
    </message>
    <message>
        <source>%1: %2 has no value.</source>
        <translation>%1: %2 に値がありません。</translation>
    </message>
    <message>
        <source>%1: Port &quot;%2&quot; is not a port number from 1 to 65535.</source>
        <translation>%1: Port &quot;%2&quot; は 1 から 65535 までのポート番号ではありません。</translation>
    </message>
    <message>
        <source>%1: %2 &quot;%3&quot; is not a time (30, 1m, 1m30s).</source>
        <translation>%1: %2 &quot;%3&quot; は時間ではありません (30、1m、1m30s など)。</translation>
    </message>
    <message>
        <source>%1: %2 must be yes or no (got &quot;%3&quot;).</source>
        <translation>%1: %2 は yes か no でなければなりません (&quot;%3&quot; が指定されています)。</translation>
    </message>
    <message>
        <source>%1: %2 %3 is not used by Tenkai.</source>
        <translation>%1: %2 %3 は Tenkai では使いません。</translation>
    </message>
    <message>
        <source>the ssh config file %1 does not exist.</source>
        <translation>ssh 設定ファイル %1 がありません。</translation>
    </message>
    <message>
        <source> via %1</source>
        <translation> (%1 経由)</translation>
    </message>
    <message>
        <source> via its ProxyCommand</source>
        <translation> (ProxyCommand 経由)</translation>
    </message>
</context>
<context>
    <name>SshText</name>
    <message>
        <source>Site %1: the channel to %2 stalled past its deadline; the connection was closed.</source>
        <translation>拠点 %1: %2 へのチャネルが期限を過ぎても応答しないため、接続を閉じました。</translation>
    </message>
    <message>
        <source>Site %1: the channel to %2 failed: %3.</source>
        <translation>拠点 %1: %2 へのチャネルでエラーが発生しました: %3。</translation>
    </message>
    <message>
        <source>Site %1: the channel to %2 is closed.</source>
        <translation>拠点 %1: %2 へのチャネルは閉じています。</translation>
    </message>
    <message>
        <source>Site %1: the other end of the channel to %2 closed it.</source>
        <translation>拠点 %1: %2 へのチャネルが相手側から閉じられました。</translation>
    </message>
    <message>
        <source>Site %1: %2</source>
        <translation>拠点 %1: %2</translation>
    </message>
    <message>
        <source>%1 did not finish before its deadline; the connection was closed.</source>
        <translation>%1 が期限内に完了しなかったため、接続を閉じました。</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>理由不明</translation>
    </message>
    <message>
        <source>%1 failed: %2.</source>
        <translation>%1 に失敗しました: %2。</translation>
    </message>
    <message>
        <source>the host name %1 does not resolve (%2).</source>
        <translation>ホスト名 %1 を名前解決できません (%2)。</translation>
    </message>
    <message>
        <source>the connection was refused (nothing listens on port %1).</source>
        <translation>接続が拒否されました (ポート %1 で待ち受けているものがありません)。</translation>
    </message>
    <message>
        <source>no TCP connection within %1 s.</source>
        <translation>%1 秒以内に TCP 接続できませんでした。</translation>
    </message>
    <message>
        <source>cannot connect: %1.</source>
        <translation>接続できません: %1。</translation>
    </message>
    <message>
        <source>no host name is set.</source>
        <translation>ホスト名が設定されていません。</translation>
    </message>
    <message>
        <source>the port %1 is out of range.</source>
        <translation>ポート %1 は範囲外です。</translation>
    </message>
    <message>
        <source>no known_hosts file is set.</source>
        <translation>known_hosts ファイルが設定されていません。</translation>
    </message>
    <message>
        <source>libssh could not create a session.</source>
        <translation>libssh がセッションを作成できませんでした。</translation>
    </message>
    <message>
        <source>The SSH handshake</source>
        <translation>SSH ハンドシェイク</translation>
    </message>
    <message>
        <source>Reading the server&apos;s host key</source>
        <translation>サーバーのホスト鍵の読み取り</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>認証</translation>
    </message>
    <message>
        <source>the identity file %1 does not exist.</source>
        <translation>秘密鍵ファイル %1 が存在しません。</translation>
    </message>
    <message>
        <source>the identity file %1 cannot be used (unreadable, not a private key, or protected by a passphrase and no ssh-agent holds it).</source>
        <translation>秘密鍵ファイル %1 を使用できません (読み取れない、秘密鍵ではない、またはパスフレーズで保護されていて ssh-agent にも登録されていない、のいずれかです)。</translation>
    </message>
    <message>
        <source>%1 (unusable: unreadable or passphrase-protected)</source>
        <translation>%1 (使用不可: 読み取れないか、パスフレーズで保護されています)</translation>
    </message>
    <message>
        <source>the keys of ssh-agent</source>
        <translation>ssh-agent の鍵</translation>
    </message>
    <message>
        <source>the server denied authentication as %1; tried: %2.</source>
        <translation>サーバーが %1 としての認証を拒否しました。試した鍵: %2。</translation>
    </message>
    <message>
        <source>not connected.</source>
        <translation>接続されていません。</translation>
    </message>
    <message>
        <source>Running a remote command</source>
        <translation>リモートコマンドの実行</translation>
    </message>
    <message>
        <source>Opening a session channel</source>
        <translation>セッションチャネルのオープン</translation>
    </message>
    <message>
        <source>libssh could not create an event.</source>
        <translation>libssh がイベントを作成できませんでした。</translation>
    </message>
    <message>
        <source>cannot read the local file %1: %2.</source>
        <translation>ローカルファイル %1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>the remote path &quot;%1&quot; names no file.</source>
        <translation>リモートパス「%1」はファイルを指していません。</translation>
    </message>
    <message>
        <source>no such folder</source>
        <translation>フォルダーが存在しません</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>アクセス権がありません</translation>
    </message>
    <message>
        <source>reading the local data failed: %1.</source>
        <translation>ローカルデータの読み込みに失敗しました: %1。</translation>
    </message>
    <message>
        <source>the uploaded %1 has SHA-256 %2 on the site instead of %3; it was removed and %1 left as it was.</source>
        <translation>アップロードした %1 の拠点上での SHA-256 が %3 ではなく %2 でした。アップロードしたファイルは削除し、%1 は元のままにしてあります。</translation>
    </message>
    <message>
        <source>sha256sum on the site failed for %1: %2.</source>
        <translation>拠点での %1 に対する sha256sum が失敗しました: %2。</translation>
    </message>
    <message>
        <source>cannot move the uploaded file into place as %1: %2.</source>
        <translation>アップロードしたファイルを %1 として配置できません: %2。</translation>
    </message>
    <message>
        <source>Opening a channel to %1</source>
        <translation>%1 へのチャネルのオープン</translation>
    </message>
    <message>
        <source>Opening a channel to %1 on the site</source>
        <translation>拠点上の %1 へのチャネルのオープン</translation>
    </message>
    <message>
        <source>Sending data to a remote command</source>
        <translation>リモートコマンドへのデータの送信</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a SHA-256 (64 hexadecimal digits).</source>
        <translation>「%1」は SHA-256 (16 進数 64 桁) ではありません。</translation>
    </message>
    <message>
        <source>Creating %1 failed: %2.</source>
        <translation>%1 の作成に失敗しました: %2。</translation>
    </message>
    <message>
        <source>Writing %1 failed: %2.</source>
        <translation>%1 への書き込みに失敗しました: %2。</translation>
    </message>
    <message>
        <source>uploading %1 failed: the command ended with %2: %3.</source>
        <translation>%1 のアップロードに失敗しました: コマンドが %2 で終了しました: %3。</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>終了ステータス %1</translation>
    </message>
    <message>
        <source>signal %1</source>
        <translation>シグナル %1</translation>
    </message>
    <message>
        <source>no message</source>
        <translation>メッセージなし</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid host name or address (letters, digits, &apos;-&apos; and &apos;.&apos;, an IPv4 or an IPv6 address; with user@ only in the user field).</source>
        <translation>&quot;%1&quot; は有効なホスト名またはアドレスではありません (英字、数字、&apos;-&apos; と &apos;.&apos;、IPv4 または IPv6 アドレス。user@ はユーザー欄にのみ書きます)。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid user name.</source>
        <translation>&quot;%1&quot; は有効なユーザー名ではありません。</translation>
    </message>
    <message>
        <source>Setting the proxy command</source>
        <translation>プロキシコマンドの設定</translation>
    </message>
    <message>
        <source>the server&apos;s host key cannot be read.</source>
        <translation>サーバーのホスト鍵を読み取れません。</translation>
    </message>
    <message>
        <source>the server offered the host key %1, which %2 marks as REVOKED, so nothing was sent to it (no credential either). Someone may be intercepting the connection, or the site still uses a key that was withdrawn.</source>
        <translation>サーバーが提示したホスト鍵 %1 は %2 で失効 (REVOKED) とされているため、何も送信しませんでした (認証情報も送っていません)。通信が傍受されているか、拠点が取り消された鍵をまだ使っている可能性があります。</translation>
    </message>
    <message>
        <source>the host key has CHANGED since it was trusted, so nothing was sent to it (no credential either). The server offered %1; %2 line %3 trusts %4. If the site was re-installed or re-keyed on purpose, delete that line and connect again accepting new keys; otherwise someone may be intercepting the connection.</source>
        <translation>ホスト鍵が信頼された時点から変更されています (CHANGED)。そのため何も送信しませんでした (認証情報も送っていません)。サーバーが提示した鍵は %1 で、%2 の %3 行目が信頼しているのは %4 です。拠点を意図的に再インストールまたは鍵を変更した場合は、その行を削除し、新しい鍵を受け入れて再接続してください。そうでなければ、通信が傍受されている可能性があります。</translation>
    </message>
    <message>
        <source>the server offered a %5 host key (%1), but %2 line %3 trusts a %6 key (%4) for this host and the server no longer offers that type, so nothing was sent to it (no credential either). If the site was re-keyed on purpose, delete that line and connect again accepting new keys; otherwise someone may be intercepting the connection.</source>
        <translation>サーバーが提示したのは %5 のホスト鍵 (%1) ですが、%2 の %3 行目はこのホストについて %6 の鍵 (%4) を信頼しており、サーバーはその種類の鍵をもう提示しません。そのため何も送信しませんでした (認証情報も送っていません)。拠点の鍵を意図的に変更した場合は、その行を削除し、新しい鍵を受け入れて再接続してください。そうでなければ、通信が傍受されている可能性があります。</translation>
    </message>
    <message>
        <source>the host key %1 is not trusted yet (not in %2), so nothing was sent to it. Check the fingerprint and accept it (tenkai-cli: --accept-new).</source>
        <translation>ホスト鍵 %1 はまだ信頼されていない (%2 にない) ため、何も送信しませんでした。フィンガープリントを確認してから受け入れてください (tenkai-cli: --accept-new)。</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (見つかりません)</translation>
    </message>
    <message>
        <source>there is no key to log in as %1 with: no identity file exists (%2) and no ssh-agent runs (SSH_AUTH_SOCK is not set).</source>
        <translation>%1 としてログインするための鍵がありません: 鍵ファイルが存在せず (%2)、ssh-agent も動いていません (SSH_AUTH_SOCK が設定されていません)。</translation>
    </message>
</context>
<context>
    <name>SshTransportText</name>
    <message>
        <source>%1 (ssh) -&gt; 127.0.0.1:%2</source>
        <translation>%1 (ssh) -&gt; 127.0.0.1:%2</translation>
    </message>
    <message>
        <source>the stream to %1 ended</source>
        <translation>%1 へのストリームが終了しました</translation>
    </message>
    <message>
        <source>Site %1: cannot read the daemon&apos;s token %2: %3</source>
        <translation>拠点 %1: デーモンのトークン %2 を読めません: %3</translation>
    </message>
    <message>
        <source>cat ended with status %1</source>
        <translation>cat が終了ステータス %1 で終わりました</translation>
    </message>
    <message>
        <source>Site %1: the file %2 does not hold a tenkaid token.</source>
        <translation>拠点 %1: ファイル %2 には tenkaid のトークンが入っていません。</translation>
    </message>
    <message>
        <source>Site %1: the SSH connection was lost while streaming from the daemon at 127.0.0.1:%2.</source>
        <translation>拠点 %1: 127.0.0.1:%2 のデーモンからのストリーミング中に SSH 接続が切れました。</translation>
    </message>
</context>
<context>
    <name>StateDir</name>
    <message>
        <source>The state folder %1 is a file, not a folder.</source>
        <translation>状態フォルダー %1 はフォルダーではなくファイルです。</translation>
    </message>
    <message>
        <source>Cannot create the state folder %1: %2.</source>
        <translation>状態フォルダー %1 を作成できません: %2。</translation>
    </message>
    <message>
        <source>The state folder %1 is not writable: %2.</source>
        <translation>状態フォルダー %1 に書き込めません: %2。</translation>
    </message>
    <message>
        <source>Cannot open the lock file %1: %2.</source>
        <translation>ロックファイル %1 を開けません: %2。</translation>
    </message>
    <message>
        <source>Another tenkaid (pid %1) is already using the state folder %2; stop it first or give this one another --state-dir.</source>
        <translation>別の tenkaid (PID %1) が状態フォルダー %2 をすでに使用しています。先にそちらを停止するか、この tenkaid に別の --state-dir を指定してください。</translation>
    </message>
    <message>
        <source>Another tenkaid is already using the state folder %1; stop it first or give this one another --state-dir.</source>
        <translation>別の tenkaid が状態フォルダー %1 をすでに使用しています。先にそちらを停止するか、この tenkaid に別の --state-dir を指定してください。</translation>
    </message>
    <message>
        <source>Cannot lock the state folder %1: %2.</source>
        <translation>状態フォルダー %1 をロックできません: %2。</translation>
    </message>
    <message>
        <source>Cannot write the lock file %1: %2.</source>
        <translation>ロックファイル %1 に書き込めません: %2。</translation>
    </message>
    <message>
        <source>Cannot read the token file %1: %2.</source>
        <translation>トークンファイル %1 を読み込めません: %2。</translation>
    </message>
    <message>
        <source>The token file %1 is empty.</source>
        <translation>トークンファイル %1 が空です。</translation>
    </message>
    <message>
        <source>Cannot write the token file %1: %2.</source>
        <translation>トークンファイル %1 に書き込めません: %2。</translation>
    </message>
    <message>
        <source>Cannot set the mode %1 on %2: %3.</source>
        <translation>%2 にモード %1 を設定できません: %3。</translation>
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
        <translation>ファインチューニング: 開始点とするモデルファイル。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Fine-tune: layers kept fixed: none, features or all-but-head.</source>
        <translation>ファインチューニング: 固定する層: none、features、all-but-head のいずれか。</translation>
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
        <source>percent</source>
        <translation>パーセント</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;.</source>
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
        <source>The dataset&apos;s classes differ from the model&apos;s: a new classifier head was trained.</source>
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
        <source>member %1  </source>
        <translation>メンバー %1  </translation>
    </message>
    <message>
        <source>Teacher-data policy: a name (geometric, photometric, noise, cutout, heavy, lowlight, mirror-tilt, sensor-noise, ...) or a list such as &quot;hflip:0.5,rotate:10,crop:2&quot;. Ensemble members each get a different built-in policy unless this is given.</source>
        <translation>教師データの拡張方針: 名前 (geometric、photometric、noise、cutout、heavy、lowlight、mirror-tilt、sensor-noise など) または &quot;hflip:0.5,rotate:10,crop:2&quot; のような一覧。指定しない場合、アンサンブルの各メンバーには異なる組み込み方針が割り当てられます。</translation>
    </message>
    <message>
        <source>Model architecture (lenet, alexnet, resnet8, resnet20).</source>
        <translation>モデルのアーキテクチャ (lenet、alexnet、resnet8、resnet20)。</translation>
    </message>
    <message>
        <source>Write a checkpoint of every member after every epoch to this folder.</source>
        <translation>エポックごとに、全メンバーのチェックポイントをこのフォルダーに書き出します。</translation>
    </message>
    <message>
        <source>Carry on the training whose checkpoint is in --checkpoint-dir (a fresh start when the folder has none).</source>
        <translation>--checkpoint-dir にあるチェックポイントから学習を続行します (フォルダーにチェックポイントがなければ最初から開始します)。</translation>
    </message>
    <message>
        <source>--resume needs --checkpoint-dir FOLDER.</source>
        <translation>--resume には --checkpoint-dir フォルダー が必要です。</translation>
    </message>
    <message>
        <source>How ensemble members share the machine: threads (a thread each), packed (one network of grouped layers) or auto (packed on a GPU, threads on the CPU).</source>
        <translation>アンサンブルのメンバーがマシンを分け合う方法: threads (メンバーごとに 1 スレッド)、packed (グループ化した層による 1 つのネットワーク)、auto (GPU では packed、CPU では threads)。</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>The checkpoint of the last completed epoch is kept: the same command with --resume carries on from it.</source>
        <translation>最後に完了したエポックのチェックポイントは残っています。同じコマンドに --resume を付けると、そこから続きを学習します。</translation>
    </message>
    <message>
        <source>Take N of the training images: a seeded sample in which every class keeps its share (0: all); the validation images are held out of them.</source>
        <translation>学習画像から N 枚を使います。すべてのクラスが比率を保つ、シード付きの標本です (0: すべて)。検証画像はこの中から取り分けます。</translation>
    </message>
    <message>
        <source>Fraction of the training images held out for validation, on which every choice is made (target accuracy, the ensemble&apos;s weights): 0 to 0.5.</source>
        <translation>検証用に取り分ける学習画像の割合 (0〜0.5)。目標精度やアンサンブルの重みなど、すべての判断は検証画像で行います。</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>Stop after the first epoch whose validation accuracy reaches this percentage.</source>
        <translation>検証精度がこの割合 (%) に達した最初のエポックで停止します。</translation>
    </message>
    <message>
        <source>--validation expects a fraction from 0 to 0.5, got %1.</source>
        <translation>--validation には 0 から 0.5 までの割合を指定してください (指定値: %1)。</translation>
    </message>
    <message>
        <source>validation %1%  </source>
        <translation>検証 %1%  </translation>
    </message>
    <message>
        <source>ensemble  epoch %1/%2  %7soft vote %3%  majority vote %4%  disagreement %5%  %6 member-img/s</source>
        <translation>アンサンブル  エポック %1/%2  %7ソフト投票 %3%  多数決 %4%  不一致率 %5%  %6 メンバー画像/秒</translation>
    </message>
    <message>
        <source>epoch %1/%2  loss %3  test loss %4  %8test accuracy %5%  %6 img/s  %7 s</source>
        <translation>エポック %1/%2  損失 %3  テスト損失 %4  %8テスト精度 %5%  %6 画像/秒  %7 秒</translation>
    </message>
</context>
<context>
    <name>TransportText</name>
    <message>
        <source>the daemon at %1 closed the connection</source>
        <translation>%1 のデーモンが接続を閉じました</translation>
    </message>
    <message>
        <source>cannot reach the daemon at %1: %2</source>
        <translation>%1 のデーモンに接続できません: %2</translation>
    </message>
</context>
<context>
    <name>ValidationText</name>
    <message>
        <source>The parameter &quot;%1&quot; must not be empty.</source>
        <translation>パラメーター &quot;%1&quot; を空にすることはできません。</translation>
    </message>
    <message>
        <source>The parameter &quot;%1&quot; is required.</source>
        <translation>パラメーター &quot;%1&quot; は必須です。</translation>
    </message>
    <message>
        <source>A %1 node has no parameter &quot;%2&quot;; it is kept but not used.</source>
        <translation>「%1」ノードにパラメーター &quot;%2&quot; はありません。値は保持されますが、使用されません。</translation>
    </message>
    <message>
        <source>A %1 node runs nowhere and takes no targets.</source>
        <translation>「%1」ノードはどこでも実行されないため、ターゲットを指定できません。</translation>
    </message>
    <message>
        <source>A %1 node runs on the console&apos;s machine: its only target is &quot;cloud&quot;.</source>
        <translation>「%1」ノードはコンソールのマシンで実行されます。指定できるターゲットは &quot;cloud&quot; だけです。</translation>
    </message>
    <message>
        <source>A %1 node runs on sites: name sites or groups, not &quot;cloud&quot;.</source>
        <translation>「%1」ノードは拠点で実行されます。&quot;cloud&quot; ではなく、拠点またはグループを指定してください。</translation>
    </message>
    <message>
        <source>A %1 node needs targets (sites or groups) or a link into its &quot;sites&quot; input.</source>
        <translation>「%1」ノードには、ターゲット (拠点またはグループ) か、入力 &quot;sites&quot; へのリンクが必要です。</translation>
    </message>
    <message>
        <source>A %1 node needs targets (sites or groups).</source>
        <translation>「%1」ノードにはターゲット (拠点またはグループ) が必要です。</translation>
    </message>
    <message>
        <source>The site &quot;%1&quot; is not in the inventory (its sites: %2).</source>
        <translation>拠点「%1」はインベントリにありません (インベントリの拠点: %2)。</translation>
    </message>
    <message>
        <source>The group &quot;%1&quot; is not in the inventory (its groups: %2).</source>
        <translation>グループ「%1」はインベントリにありません (インベントリのグループ: %2)。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>The group &quot;%1&quot; has no sites in the inventory.</source>
        <translation>グループ「%1」には、インベントリ上の拠点がありません。</translation>
    </message>
    <message>
        <source>The link into &quot;%1&quot; comes from the node &quot;%2&quot;, which does not exist.</source>
        <translation>「%1」へのリンクは、存在しないノード「%2」から来ています。</translation>
    </message>
    <message>
        <source>The link from &quot;%1&quot; leads to the node &quot;%2&quot;, which does not exist.</source>
        <translation>「%1」からのリンクは、存在しないノード「%2」につながっています。</translation>
    </message>
    <message>
        <source>The link %1 -&gt; %2 joins nodes that do not exist.</source>
        <translation>リンク %1 -&gt; %2 は、存在しないノードどうしをつないでいます。</translation>
    </message>
    <message>
        <source>The node &quot;%1&quot; has no output &quot;%2&quot; (its outputs: %3).</source>
        <translation>ノード「%1」に出力 &quot;%2&quot; はありません (出力: %3)。</translation>
    </message>
    <message>
        <source>The node &quot;%1&quot; has no input &quot;%2&quot; (its inputs: %3).</source>
        <translation>ノード「%1」に入力 &quot;%2&quot; はありません (入力: %3)。</translation>
    </message>
    <message>
        <source>The input &quot;%1&quot; takes a %2, but the link brings a %3 from &quot;%4&quot;.</source>
        <translation>入力 &quot;%1&quot; が受け取るのは %2 ですが、リンクは「%4」から %3 を渡しています。</translation>
    </message>
    <message>
        <source>The input &quot;%1&quot; takes one link but has several.</source>
        <translation>入力 &quot;%1&quot; が受け付けるリンクは 1 本だけですが、複数のリンクがあります。</translation>
    </message>
    <message>
        <source>The input &quot;%1&quot; needs a link (a %2).</source>
        <translation>入力 &quot;%1&quot; にはリンク (%2) が必要です。</translation>
    </message>
    <message>
        <source>The nodes %1 form a cycle; a flow must run one way.</source>
        <translation>ノード %1 が循環しています。フローは一方向に進む必要があります。</translation>
    </message>
    <message>
        <source>The ensemble has %1 members but the teacher data of &quot;%2&quot; has %3 policies; members repeat or skip policies.</source>
        <translation>アンサンブルのメンバーは %1 個ですが、「%2」の教師データの方針は %3 個です。方針が重複するメンバーや、使われない方針が出ます。</translation>
    </message>
    <message>
        <source>Waiting until a time needs the parameter &quot;time&quot;.</source>
        <translation>時刻まで待機するには、パラメーター &quot;time&quot; が必要です。</translation>
    </message>
    <message>
        <source>time: expected an ISO 8601 date and time or a time of day, got &quot;%1&quot;</source>
        <translation>time: ISO 8601 形式の日時または時刻が必要です (指定値: 「%1」)</translation>
    </message>
    <message>
        <source>The node type &quot;%1&quot; is unknown (known types: %2).</source>
        <translation>ノードの種類「%1」は不明です (有効な種類: %2)。</translation>
    </message>
</context>
<context>
    <name>tenkai</name>
    <message>
        <source>Tenkai console: design flows, deploy to edge sites and monitor training.</source>
        <translation>Tenkai コンソール: フローを設計し、エッジ拠点へデプロイし、学習を監視します。</translation>
    </message>
    <message>
        <source>tenkai: no display found (DISPLAY is not set). Run it in a desktop session, use tenkai-cli for headless work, or set QT_QPA_PLATFORM=offscreen.</source>
        <translation>tenkai: ディスプレイが見つかりません (DISPLAY が設定されていません)。デスクトップ環境で起動するか、画面なしの作業には tenkai-cli を使うか、QT_QPA_PLATFORM=offscreen を設定してください。</translation>
    </message>
    <message>
        <source>Open this workspace folder: its inventory.yaml and its flow (tenkai-cli demo-data --workspace makes one).</source>
        <translation>このワークスペースフォルダーを開きます: フォルダー内の inventory.yaml とフローを読み込みます (tenkai-cli demo-data --workspace で作成できます)。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>tenkai: %1</source>
        <translation>tenkai: %1</translation>
    </message>
</context>
<context>
    <name>tenkai::Cli</name>
    <message>
        <source>tenkai-cli: unknown command &quot;%1&quot;; see tenkai-cli --help.</source>
        <translation>tenkai-cli: 不明なコマンド「%1」です。tenkai-cli --help を参照してください。</translation>
    </message>
    <message>
        <source>Usage: tenkai-cli COMMAND [OPTIONS]

Commands:
  train      Train a model on an installed dataset and report each epoch
  pretrain   Train a model on generic data and save it (--out)
  finetune   Fine-tune a saved model (--from) on a site&apos;s data
  evaluate   Score saved models, alone or as an ensemble, on a test split
  augment    Write generated teacher data and a preview grid per policy
  demo-data  Make the demo scenario: generic data and per-site image folders
  monitor    Print a daemon&apos;s metrics and run states live (--local PORT)
  start-run  Queue a training run at a daemon (--run-id ID --config FILE)
  stop-run   Stop a run at a daemon (--run ID)
  resume-run Queue a failed or stopped run again, from its checkpoint (--run ID)
  run        Run a flow on the inventory&apos;s sites (--inventory FILE)
  validate   Check a flow (and its targets against --inventory FILE)
  sites check        Pre-flight the inventory&apos;s sites over SSH
  sites plan|apply   Show or apply a recipe&apos;s changes to the inventory&apos;s sites
  sites show         Print how a site is reached (as ssh -G) and what trusts its key
  import-inventory   Convert an Ansible inventory into a Tenkai inventory
  export-inventory   Write the inventory&apos;s sites as an Ansible inventory

Options:
  -h, --help       Show this help (tenkai-cli COMMAND --help for a command)
  -v, --version    Show versions and the BLAS in use
</source>
        <translation>使い方: tenkai-cli コマンド [オプション]

コマンド:
  train      インストール済みのデータセットでモデルを学習し、エポックごとに結果を表示します
  pretrain   汎用データでモデルを学習して保存します (--out)
  finetune   保存済みのモデル (--from) を拠点のデータでファインチューニングします
  evaluate   保存済みのモデルを単独またはアンサンブルとしてテスト分割で評価します
  augment    方針ごとに、生成した教師データとプレビューグリッドを書き出します
  demo-data  デモシナリオ (汎用データと拠点ごとの画像フォルダー) を作成します
  monitor    デーモンのメトリクスとランの状態をリアルタイムに表示します (--local ポート)
  start-run  学習ランをデーモンのキューに追加します (--run-id ID --config ファイル)
  stop-run   デーモンのランを停止します (--run ID)
  resume-run 失敗または停止したランをチェックポイントから再開するようキューに戻します (--run ID)
  run        インベントリの拠点でフローを実行します (--inventory ファイル)
  validate   フローを検証します (--inventory ファイル を指定するとターゲットも検証します)
  sites check        インベントリの拠点を SSH 経由で事前チェックします
  sites plan|apply   レシピによるインベントリの拠点への変更を表示 (plan) または適用 (apply) します
  sites show         拠点への接続方法 (ssh -G と同じ形式) と、その鍵を信頼しているものを表示します
  import-inventory   Ansible インベントリを Tenkai のインベントリに変換します
  export-inventory   インベントリの拠点を Ansible インベントリとして書き出します

オプション:
  -h, --help       このヘルプを表示します (各コマンドのヘルプは tenkai-cli コマンド --help)
  -v, --version    バージョンと使用中の BLAS を表示します
</translation>
    </message>
</context>
<context>
    <name>tenkai::Fleet</name>
    <message>
        <source>tenkai-fleet: unknown command &quot;%1&quot;; see tenkai-fleet --help.</source>
        <translation>tenkai-fleet: 不明なコマンド「%1」です。tenkai-fleet --help を参照してください。</translation>
    </message>
    <message>
        <source>Usage: tenkai-fleet COMMAND [OPTIONS]

The fleet commands of tenkai-cli, in a program that starts without loading LibTorch.

Commands:
  sites check        Pre-flight the inventory&apos;s sites over SSH
  sites plan|apply   Show or apply a recipe&apos;s changes to the inventory&apos;s sites
  sites show         Print how a site is reached (as ssh -G) and what trusts its key
  import-inventory   Convert an Ansible inventory into a Tenkai inventory
  export-inventory   Write the inventory&apos;s sites as an Ansible inventory

Options:
  -h, --help       Show this help (tenkai-fleet COMMAND --help for a command)
  -v, --version    Show versions
</source>
        <translation>使い方: tenkai-fleet コマンド [オプション]

tenkai-cli のフリート関連のコマンドを、LibTorch を読み込まずに起動するプログラムにまとめたものです。

コマンド:
  sites check        インベントリの拠点を SSH 経由で事前チェックします
  sites plan|apply   レシピによるインベントリの拠点への変更を表示 (plan) または適用 (apply) します
  sites show         拠点への接続方法 (ssh -G と同じ形式) と、その鍵を信頼しているものを表示します
  import-inventory   Ansible インベントリを Tenkai のインベントリに変換します
  export-inventory   インベントリの拠点を Ansible インベントリとして書き出します

オプション:
  -h, --help       このヘルプを表示します (各コマンドのヘルプは tenkai-fleet コマンド --help)
  -v, --version    バージョンを表示します
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
    <message>
        <source>Resuming after the checkpoint of epoch %1.</source>
        <translation>エポック %1 のチェックポイントから再開します。</translation>
    </message>
    <message numerus="yes">
        <source>%n ensemble members train as one packed network (grouped layers, one member per group).</source>
        <translation>
            <numerusform>%n 個のアンサンブル メンバーが 1 つのパックド ネットワーク (グループ化した層、グループごとに 1 メンバー) として学習します。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 images held out of the training images for validation (every choice is made on them; the test images are only scored).</source>
        <translation>学習画像のうち %1 枚を検証用に取り分けました (すべての判断はこれで行い、テスト画像は評価にだけ使います)。</translation>
    </message>
    <message numerus="yes">
        <source>Warning: the training images hold no example of %n of the %1 classes that the test images have (%2): the model cannot learn them and its test accuracy is capped. Give more images (a larger limit) or data with every class.</source>
        <translation>
            <numerusform>警告: テスト画像にある %1 クラスのうち %n クラス (%2) の例が学習画像にありません。モデルはこれらを学習できず、テスト精度には上限があります。画像を増やす (limit を大きくする) か、すべてのクラスを含むデータを与えてください。</numerusform>
        </translation>
    </message>
    <message>
        <source>the ensemble helps</source>
        <translation>アンサンブルの効果があります</translation>
    </message>
    <message>
        <source>the ensemble hurts here: deploy a single model</source>
        <translation>この拠点ではアンサンブルが逆効果です。単一モデルをデプロイしてください</translation>
    </message>
    <message>
        <source>no difference that this test set can show (the interval holds 0)</source>
        <translation>このテストセットでは差を示せません (区間が 0 を含みます)</translation>
    </message>
    <message>
        <source>Ensemble %1 (95%: %2-%3) against a single model&apos;s %4 on average: %5 points (95%: %6 to %7), %8.</source>
        <translation>アンサンブル %1 (95%: %2〜%3) は単一モデルの平均 %4 に対して %5 ポイント (95%: %6〜%7)。%8。</translation>
    </message>
</context>
<context>
    <name>tenkai::flow::Catalogue</name>
    <message>
        <source>Runs only after the linked nodes are done.</source>
        <translation>リンク元のノードがすべて完了してから実行します。</translation>
    </message>
    <message>
        <source>Runs on the sites the linked step succeeded on (when the node names no targets itself).</source>
        <translation>リンク元のステップが成功した拠点で実行します (ノード自身にターゲットが指定されていない場合)。</translation>
    </message>
    <message>
        <source>The sites this step succeeded on.</source>
        <translation>このステップが成功した拠点。</translation>
    </message>
    <message>
        <source>Pretrain</source>
        <translation>事前学習</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Trains a model on generic data on the console&apos;s machine.</source>
        <translation>コンソールのマシンで、汎用データを使ってモデルを学習します。</translation>
    </message>
    <message>
        <source>The pretrained model file.</source>
        <translation>事前学習済みのモデルファイル。</translation>
    </message>
    <message>
        <source>The network architecture.</source>
        <translation>ネットワークのアーキテクチャ。</translation>
    </message>
    <message>
        <source>The generic data set to train on.</source>
        <translation>学習に使う汎用データセット。</translation>
    </message>
    <message>
        <source>Where the data set is; empty: its installed location.</source>
        <translation>データセットの場所 (空の場合: インストール先)。</translation>
    </message>
    <message>
        <source>Passes over the training data.</source>
        <translation>学習データを繰り返し使う回数 (エポック数)。</translation>
    </message>
    <message>
        <source>Images per optimizer step.</source>
        <translation>最適化ステップ 1 回あたりの画像枚数。</translation>
    </message>
    <message>
        <source>The learning rate.</source>
        <translation>学習率。</translation>
    </message>
    <message>
        <source>SGD with momentum, or Adam.</source>
        <translation>モーメンタム付きの SGD、または Adam。</translation>
    </message>
    <message>
        <source>Where to train: auto takes a GPU when there is one.</source>
        <translation>学習に使うデバイス: auto は GPU があれば GPU を使います。</translation>
    </message>
    <message>
        <source>Train on the first N images only (0: all of them).</source>
        <translation>先頭の N 枚だけで学習します (0: すべての画像)。</translation>
    </message>
    <message>
        <source>Where the model file is written, relative to the workspace.</source>
        <translation>モデルファイルの書き出し先 (ワークスペースからの相対パス)。</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>モデルファイル</translation>
    </message>
    <message>
        <source>An existing model file on the console&apos;s machine.</source>
        <translation>コンソールのマシン上にある既存のモデルファイル。</translation>
    </message>
    <message>
        <source>The model file.</source>
        <translation>モデルファイル。</translation>
    </message>
    <message>
        <source>The model file (*.pt), relative to the workspace.</source>
        <translation>モデルファイル (*.pt)。ワークスペースからの相対パスで指定します。</translation>
    </message>
    <message>
        <source>Provision edge</source>
        <translation>エッジのプロビジョニング</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Brings each site to the state a recipe declares, over SSH.</source>
        <translation>SSH 経由で、各拠点をレシピが宣言する状態にします。</translation>
    </message>
    <message>
        <source>A recipe file, or the recipe&apos;s resources written in the flow.</source>
        <translation>レシピファイル、またはフロー内に記述したレシピのリソース。</translation>
    </message>
    <message>
        <source>Sites worked on at the same time.</source>
        <translation>同時に処理する拠点の数。</translation>
    </message>
    <message>
        <source>Failed sites tolerated before no new site is started.</source>
        <translation>許容する失敗拠点の数。これを超えると、新しい拠点の処理を開始しません。</translation>
    </message>
    <message>
        <source>Install daemon</source>
        <translation>デーモンのインストール</translation>
    </message>
    <message>
        <source>Uploads the matching tenkaid, starts it and checks its version.</source>
        <translation>対応する tenkaid をアップロードして起動し、バージョンを確認します。</translation>
    </message>
    <message>
        <source>Where it goes on the site.</source>
        <translation>拠点上の配置先。</translation>
    </message>
    <message>
        <source>The daemon&apos;s port on the site&apos;s loopback (0: the inventory&apos;s).</source>
        <translation>拠点のループバックアドレスでデーモンが使うポート (0: インベントリの設定値)。</translation>
    </message>
    <message>
        <source>Deploy model</source>
        <translation>モデルのデプロイ</translation>
    </message>
    <message>
        <source>Uploads a model file to each site, checksummed and atomic.</source>
        <translation>モデルファイルを各拠点にアップロードします (チェックサムで検証し、アトミックに配置します)。</translation>
    </message>
    <message>
        <source>The model file to deploy.</source>
        <translation>デプロイするモデルファイル。</translation>
    </message>
    <message>
        <source>The model as deployed on each site.</source>
        <translation>各拠点にデプロイされたモデル。</translation>
    </message>
    <message>
        <source>Where the model goes on the site.</source>
        <translation>拠点上のモデルの配置先。</translation>
    </message>
    <message>
        <source>Generate teacher data</source>
        <translation>教師データの生成</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Augments the site&apos;s own labelled images, one policy per member.</source>
        <translation>拠点自身のラベル付き画像をデータ拡張します (メンバーごとに 1 つの方針)。</translation>
    </message>
    <message>
        <source>The teacher data, one stream per member.</source>
        <translation>教師データ (メンバーごとに 1 ストリーム)。</translation>
    </message>
    <message>
        <source>One augmentation policy per ensemble member: a built-in name or a text form.</source>
        <translation>アンサンブルのメンバーごとに 1 つのデータ拡張の方針: 組み込みの名前またはテキスト形式。</translation>
    </message>
    <message>
        <source>The kind of the site&apos;s data set.</source>
        <translation>拠点のデータセットの種類。</translation>
    </message>
    <message>
        <source>The site&apos;s labelled images, on the site (never copied off it).</source>
        <translation>拠点上にある、拠点のラベル付き画像 (拠点の外へはコピーされません)。</translation>
    </message>
    <message>
        <source>The first member&apos;s seed; member K uses seed + K.</source>
        <translation>最初のメンバーのシード。メンバー K は seed + K を使います。</translation>
    </message>
    <message>
        <source>Train ensemble</source>
        <translation>アンサンブルの学習</translation>
    </message>
    <message>
        <source>Fine-tunes the members in parallel on each site&apos;s daemon.</source>
        <translation>各拠点のデーモンで、メンバーを並列にファインチューニングします。</translation>
    </message>
    <message>
        <source>The deployed model to start from.</source>
        <translation>開始点とするデプロイ済みのモデル。</translation>
    </message>
    <message>
        <source>The teacher data.</source>
        <translation>教師データ。</translation>
    </message>
    <message>
        <source>The trained ensemble on each site.</source>
        <translation>各拠点で学習したアンサンブル。</translation>
    </message>
    <message>
        <source>The architecture (the deployed model file&apos;s must match).</source>
        <translation>アーキテクチャ (デプロイ済みのモデルファイルのものと一致する必要があります)。</translation>
    </message>
    <message>
        <source>Ensemble members trained in parallel.</source>
        <translation>並列に学習するアンサンブルのメンバーの数。</translation>
    </message>
    <message>
        <source>Passes over the teacher data.</source>
        <translation>教師データを繰り返し使う回数 (エポック数)。</translation>
    </message>
    <message>
        <source>Which pretrained layers stay fixed: none, the features, or all but the classifier head.</source>
        <translation>固定する事前学習済みの層: なし、特徴抽出層、または分類層以外のすべて。</translation>
    </message>
    <message>
        <source>Stop after the first epoch whose test accuracy reaches it (0: never).</source>
        <translation>テスト精度がこの値に達したエポックで学習を終了します (0: 終了しない)。</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>Member and ensemble accuracy on each site&apos;s test split.</source>
        <translation>各拠点のテスト分割での、メンバーとアンサンブルの精度を求めます。</translation>
    </message>
    <message>
        <source>The model or ensemble to evaluate.</source>
        <translation>評価するモデルまたはアンサンブル。</translation>
    </message>
    <message>
        <source>The test data; without a link, the site&apos;s test split.</source>
        <translation>テストデータ。リンクがない場合は拠点のテスト分割を使います。</translation>
    </message>
    <message>
        <source>One evaluation report per site.</source>
        <translation>拠点ごとに 1 つの評価レポート。</translation>
    </message>
    <message>
        <source>Evaluate on the first N test images only (0: all of them).</source>
        <translation>先頭の N 枚のテスト画像だけで評価します (0: すべての画像)。</translation>
    </message>
    <message>
        <source>Collect report</source>
        <translation>レポートの収集</translation>
    </message>
    <message>
        <source>Brings the sites&apos; reports back to the console as one report.</source>
        <translation>各拠点のレポートをコンソールに集め、1 つのレポートにまとめます。</translation>
    </message>
    <message>
        <source>The reports to collect.</source>
        <translation>収集するレポート。</translation>
    </message>
    <message>
        <source>The collected report.</source>
        <translation>収集したレポート。</translation>
    </message>
    <message>
        <source>The folder the report goes to, relative to the workspace.</source>
        <translation>レポートの出力先フォルダー (ワークスペースからの相対パス)。</translation>
    </message>
    <message>
        <source>The report&apos;s format.</source>
        <translation>レポートの形式。</translation>
    </message>
    <message>
        <source>Wait until</source>
        <translation>待機</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>制御</translation>
    </message>
    <message>
        <source>Waits until every targeted site reached an accuracy, or until a time.</source>
        <translation>ターゲットのすべての拠点が指定の精度に達するまで、または指定の時刻まで待機します。</translation>
    </message>
    <message>
        <source>The reports whose accuracy is watched.</source>
        <translation>精度を監視するレポート。</translation>
    </message>
    <message>
        <source>Fires when the condition holds.</source>
        <translation>条件が満たされたときに発火します。</translation>
    </message>
    <message>
        <source>Wait for an accuracy on all targeted sites, or for a time.</source>
        <translation>待機の条件: ターゲットのすべての拠点での精度、または時刻。</translation>
    </message>
    <message>
        <source>The accuracy every site must reach.</source>
        <translation>すべての拠点が達する必要のある精度。</translation>
    </message>
    <message>
        <source>The time to wait for (ISO 8601, e.g. 2026-12-01T06:00).</source>
        <translation>待機する時刻 (ISO 8601 形式。例: 2026-12-01T06:00)。</translation>
    </message>
    <message>
        <source>Give up after this long (0: never).</source>
        <translation>この時間が経過したら待機を打ち切ります (0: 打ち切らない)。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>ドキュメント</translation>
    </message>
    <message>
        <source>Text on the canvas; it does not run.</source>
        <translation>キャンバス上のテキストです。実行はされません。</translation>
    </message>
    <message>
        <source>The note&apos;s text.</source>
        <translation>メモのテキスト。</translation>
    </message>
    <message>
        <source>The tenkaid program to install; empty: the one installed with this console (the same version).</source>
        <translation>インストールする tenkaid のプログラム (空の場合: このコンソールと一緒にインストールされた、同じバージョンのもの)。</translation>
    </message>
    <message>
        <source>The test images on the site: the training&apos;s test split (its report is used as it is), or another folder of class subfolders, on every image of which the site&apos;s daemon evaluates the ensemble.</source>
        <translation>拠点上のテスト画像: 学習のテスト分割 (その学習のレポートをそのまま使います)、またはクラスごとのサブフォルダーを持つ別のフォルダー (拠点のデーモンがその中のすべての画像でアンサンブルを評価します)。</translation>
    </message>
    <message>
        <source>How the members share the site&apos;s machine: threads (a thread each), packed (one network of grouped layers), or auto (packed on a GPU, threads on the CPU).</source>
        <translation>メンバーがサイトのマシンを分け合う方法: threads (メンバーごとに 1 スレッド)、packed (グループ化した層による 1 つのネットワーク)、auto (GPU では packed、CPU では threads)。</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::DeployDialog</name>
    <message>
        <source>%1 (earlier)</source>
        <translation>%1 (以前のラン)</translation>
    </message>
    <message>
        <source>Deploy %1</source>
        <translation>デプロイ: %1</translation>
    </message>
    <message>
        <source>the flow</source>
        <translation>フロー</translation>
    </message>
    <message>
        <source>Accept these keys and plan again</source>
        <translation>これらの鍵を受け入れて再計画</translation>
    </message>
    <message>
        <source>Select a cell to see what the step plans or did on that site.</source>
        <translation>セルを選択すると、その拠点でのステップの計画内容または実行結果を表示します。</translation>
    </message>
    <message>
        <source>&amp;Deploy</source>
        <translation>デプロイ(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Retry failed sites</source>
        <translation>失敗した拠点を再試行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>ランをキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>Show &amp;report</source>
        <translation>レポートを表示(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Deployment running</source>
        <translation>デプロイ中</translation>
    </message>
    <message>
        <source>The deployment is still running. Cancel it? Sites finish or stop their current step and stay consistent.</source>
        <translation>デプロイはまだ実行中です。キャンセルしますか? 各拠点は現在のステップを完了するか停止し、整合した状態を保ちます。</translation>
    </message>
    <message>
        <source>The flow cannot run: %1</source>
        <translation>フローを実行できません: %1</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Cloud (this machine)</source>
        <translation>クラウド (このマシン)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) are contacted for the first time. Check their host key fingerprints before accepting them (they are then pinned in the workspace&apos;s known_hosts):</source>
        <translation>
            <numerusform>%n 拠点に初めて接続します。受け入れる前に、ホスト鍵のフィンガープリントを確認してください (受け入れた鍵はワークスペースの known_hosts にピン留めされます):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %n key(s) and plan again</source>
        <translation>
            <numerusform>%n 個の鍵を受け入れて再計画</numerusform>
        </translation>
    </message>
    <message>
        <source>Planning: checking what the flow would change on each site…</source>
        <translation>計画中: フローが各拠点で何を変更するかを確認しています…</translation>
    </message>
    <message numerus="yes">
        <source>Plan for %n site(s): %1 step(s) cannot run as things are; see the red cells.</source>
        <translation>
            <numerusform>%n 拠点の計画: 現状のままでは %1 ステップを実行できません。赤いセルを確認してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Plan for %n site(s): nothing is changed until you click Deploy.</source>
        <translation>
            <numerusform>%n 拠点の計画: 「デプロイ」をクリックするまで何も変更されません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deploying to %n site(s)…</source>
        <translation>
            <numerusform>%n 拠点にデプロイしています…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled. The sites stay as the steps left them; a new deployment continues from there.</source>
        <translation>キャンセルしました。各拠点は、ステップが終えた時点の状態のままです。次のデプロイはその状態から続行します。</translation>
    </message>
    <message numerus="yes">
        <source>Done with %n failed site(s): see the red cells, fix, then retry them.</source>
        <translation>
            <numerusform>完了しましたが、%n 拠点で失敗しました。赤いセルを確認して問題を修正してから、再試行してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deployed to %n site(s) in %1 s.</source>
        <translation>
            <numerusform>%n 拠点へのデプロイが完了しました (%1 秒)。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Deploy again</source>
        <translation>再デプロイ(&amp;D)</translation>
    </message>
    <message>
        <source>cloud</source>
        <translation>クラウド</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FleetModel</name>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>チェック中…</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>到達可能</translation>
    </message>
    <message>
        <source>Daemon running</source>
        <translation>デーモン実行中</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>学習中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>New host key</source>
        <translation>新しいホスト鍵</translation>
    </message>
    <message>
        <source>Host key changed!</source>
        <translation>ホスト鍵が変更されています!</translation>
    </message>
    <message>
        <source>Pinned the new host key %1.</source>
        <translation>新しいホスト鍵 %1 をピン留めしました。</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>グループ</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Daemon</source>
        <translation>デーモン</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>アーキテクチャ</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>コア数</translation>
    </message>
    <message>
        <source>Disk free</source>
        <translation>空きディスク</translation>
    </message>
    <message>
        <source>GPU / CUDA</source>
        <translation>GPU / CUDA</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>this computer, port %1</source>
        <translation>このコンピューター、ポート %1</translation>
    </message>
    <message>
        <source>%1 (not running)</source>
        <translation>%1 (停止中)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>no CUDA</source>
        <translation>CUDA なし</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FleetView</name>
    <message>
        <source>Open &amp;inventory…</source>
        <translation>インベントリを開く(&amp;I)…</translation>
    </message>
    <message>
        <source>Open the workspace&apos;s inventory.yaml</source>
        <translation>ワークスペースの inventory.yaml を開きます</translation>
    </message>
    <message>
        <source>Import &amp;Ansible inventory…</source>
        <translation>Ansible インベントリをインポート(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Check sites</source>
        <translation>拠点をチェック(&amp;C)</translation>
    </message>
    <message>
        <source>Check the selected sites (all when none is selected): reachable, disk, CUDA, cores and their daemon</source>
        <translation>選択した拠点 (選択がなければすべての拠点) をチェックします: 到達性、ディスク、CUDA、コア数、デーモン</translation>
    </message>
    <message>
        <source>&amp;Deploy to selected sites…</source>
        <translation>選択した拠点にデプロイ(&amp;D)…</translation>
    </message>
    <message>
        <source>Filter by site, group, label or state</source>
        <translation>拠点、グループ、ラベル、状態で絞り込み</translation>
    </message>
    <message>
        <source>No inventory loaded</source>
        <translation>インベントリが読み込まれていません</translation>
    </message>
    <message>
        <source>Open an inventory (File &gt; Open inventory…) or import an Ansible one to list your edge sites, check them and watch their daemons.</source>
        <translation>インベントリを開くか (ファイル &gt; インベントリを開く…)、Ansible のインベントリをインポートすると、エッジ拠点を一覧表示し、チェックして、デーモンを監視できます。</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Check %n site(s)</source>
        <translation>
            <numerusform>%n 拠点をチェック(&amp;C)</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 に書き込めませんでした: %2</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n site(s)…</source>
        <translation>
            <numerusform>%n 拠点をチェックしています…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) offered a different host key than the pinned one: nothing was sent to them.</source>
        <translation>
            <numerusform>%n 拠点が、ピン留めしたものとは異なるホスト鍵を提示しました。該当する拠点には何も送信していません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) could not be checked.</source>
        <translation>
            <numerusform>%n 拠点をチェックできませんでした。</numerusform>
        </translation>
    </message>
    <message>
        <source>Check finished.</source>
        <translation>チェックが完了しました。</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s)</source>
        <translation>
            <numerusform>%n 拠点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>表示 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>選択 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n daemon(s) running</source>
        <translation>
            <numerusform>デーモン実行中 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n training</source>
        <translation>
            <numerusform>学習中 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>要対応 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>checking %n…</source>
        <translation>
            <numerusform>チェック中 %n…</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:gray&apos;&gt;Select a site to see its details. Ctrl-click or Shift-click selects several.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:gray&apos;&gt;拠点を選択すると詳細を表示します。Ctrl キーまたは Shift キーを押しながらクリックすると、複数選択できます。&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
    </message>
    <message>
        <source>root %1</source>
        <translation>ルート %1</translation>
    </message>
    <message>
        <source>groups: %1</source>
        <translation>グループ: %1</translation>
    </message>
    <message>
        <source>checked at %1</source>
        <translation>%1 にチェック</translation>
    </message>
    <message>
        <source>host key %1</source>
        <translation>ホスト鍵 %1</translation>
    </message>
    <message>
        <source>Open inventory</source>
        <translation>インベントリを開く</translation>
    </message>
    <message>
        <source>Inventories (*.yaml *.yml);;All files (*)</source>
        <translation>インベントリ (*.yaml *.yml);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Could not open the inventory</source>
        <translation>インベントリを開けませんでした</translation>
    </message>
    <message>
        <source>Import an Ansible inventory</source>
        <translation>Ansible インベントリのインポート</translation>
    </message>
    <message>
        <source>Ansible inventories (*.ini *.yaml *.yml hosts);;All files (*)</source>
        <translation>Ansible インベントリ (*.ini *.yaml *.yml hosts);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Save as Tenkai inventory</source>
        <translation>Tenkai インベントリとして保存</translation>
    </message>
    <message>
        <source>Inventories (*.yaml)</source>
        <translation>インベントリ (*.yaml)</translation>
    </message>
    <message>
        <source>Could not import the inventory</source>
        <translation>インベントリをインポートできませんでした</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n site(s).</source>
        <translation>
            <numerusform>%n 拠点をインポートしました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Inventory imported</source>
        <translation>インベントリをインポートしました</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n site(s). Some settings have no Tenkai equivalent and were not imported.</source>
        <translation>
            <numerusform>%n 拠点をインポートしました。一部の設定は Tenkai に相当するものがないため、インポートしていません。</numerusform>
        </translation>
    </message>
    <message>
        <source>connects as %1</source>
        <translation>接続: %1</translation>
    </message>
    <message>
        <source>host key %1, trusted by %2</source>
        <translation>ホスト鍵 %1 (%2 が信頼)</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FlowEditor</name>
    <message>
        <source>Link refused: %1</source>
        <translation>リンクできません: %1</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>&amp;New flow</source>
        <translation>新規フロー(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open flow…</source>
        <translation>フローを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save flow</source>
        <translation>フローを保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save flow &amp;as…</source>
        <translation>名前を付けてフローを保存(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import flow…</source>
        <translation>フローをインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export image…</source>
        <translation>画像をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近使ったフロー(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>複製(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>切り取り(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>すべて選択(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>Actual si&amp;ze</source>
        <translation>実際のサイズ(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Fit to view</source>
        <translation>全体を表示(&amp;F)</translation>
    </message>
    <message>
        <source>Snap to &amp;grid</source>
        <translation>グリッドに合わせる(&amp;G)</translation>
    </message>
    <message>
        <source>Find node &amp;type</source>
        <translation>ノードの種類を検索(&amp;T)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>ドライラン</translation>
    </message>
    <message>
        <source>Run from selected</source>
        <translation>選択したノードから実行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>フロー</translation>
    </message>
    <message>
        <source>Untitled flow</source>
        <translation>無題のフロー</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 を開きました</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <source>The flow &quot;%1&quot; has unsaved changes. Save them?</source>
        <translation>フロー「%1」には保存されていない変更があります。保存しますか?</translation>
    </message>
    <message>
        <source>Cannot save the flow</source>
        <translation>フローを保存できません</translation>
    </message>
    <message>
        <source>Save flow</source>
        <translation>フローを保存</translation>
    </message>
    <message>
        <source>Tenkai flows (*.tenkai-flow.json)</source>
        <translation>Tenkai フロー (*.tenkai-flow.json)</translation>
    </message>
    <message>
        <source>Open flow</source>
        <translation>フローを開く</translation>
    </message>
    <message>
        <source>Tenkai flows (*.tenkai-flow.json);;JSON files (*.json);;All files (*)</source>
        <translation>Tenkai フロー (*.tenkai-flow.json);;JSON ファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Cannot open the flow</source>
        <translation>フローを開けません</translation>
    </message>
    <message>
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
    <message>
        <source>Import flow</source>
        <translation>フローのインポート</translation>
    </message>
    <message>
        <source>Tenkai flows (*.tenkai-flow.json);;All files (*)</source>
        <translation>Tenkai フロー (*.tenkai-flow.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Cannot import the flow</source>
        <translation>フローをインポートできません</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>画像のエクスポート</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>Cannot export the image</source>
        <translation>画像をエクスポートできません</translation>
    </message>
    <message>
        <source>No recent flows</source>
        <translation>最近使ったフローはありません</translation>
    </message>
    <message>
        <source>an untitled flow</source>
        <translation>無題のフロー</translation>
    </message>
    <message>
        <source>Recover unsaved flow</source>
        <translation>未保存のフローの復元</translation>
    </message>
    <message>
        <source>The console stopped while %1 had unsaved changes (autosaved %2). Recover them?</source>
        <translation>%1 に未保存の変更がある状態でコンソールが終了しました (%2 に自動保存)。変更を復元しますか?</translation>
    </message>
    <message>
        <source>Nothing to paste: %1</source>
        <translation>貼り付けるものがありません: %1</translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>ノードを追加</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FlowOverview</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>全体図: クリックまたはドラッグで表示位置を移動します</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FlowPalette</name>
    <message>
        <source>Node types</source>
        <translation>ノードの種類</translation>
    </message>
    <message>
        <source>Search node types</source>
        <translation>ノードの種類を検索</translation>
    </message>
    <message>
        <source>Drag a type onto the canvas, or double-click it.</source>
        <translation>種類をキャンバスにドラッグするか、ダブルクリックしてください。</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FlowProblemList</name>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>ノード</translation>
    </message>
    <message>
        <source>Problems: none</source>
        <translation>問題: なし</translation>
    </message>
    <message numerus="yes">
        <source>Problems: %n error(s)</source>
        <translation>
            <numerusform>問題: エラー %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation>
            <numerusform>、警告 %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FlowPropertyPanel</name>
    <message>
        <source>The parameter &quot;%1&quot; is required.</source>
        <translation>パラメーター &quot;%1&quot; は必須です。</translation>
    </message>
    <message>
        <source>No flow</source>
        <translation>フローなし</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>フロー</translation>
    </message>
    <message numerus="yes">
        <source>Select a node to edit its parameters. The flow has %n node(s)</source>
        <translation>
            <numerusform>ノードを選択すると、そのパラメーターを編集できます。このフローにはノード %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n link(s).</source>
        <translation>
            <numerusform>とリンク %n 本があります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Unknown type &quot;%1&quot;</source>
        <translation>不明な種類「%1」</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>group:edges, site:NAME</source>
        <translation>group:edges, site:NAME</translation>
    </message>
    <message>
        <source>This node runs on the console&apos;s machine.</source>
        <translation>このノードはコンソールのマシンで実行されます。</translation>
    </message>
    <message>
        <source>Sites and groups, separated by commas: site:NAME, group:NAME. Empty: the sites of the &quot;sites&quot; input.</source>
        <translation>拠点とグループをカンマで区切って指定します: site:NAME, group:NAME。空の場合: 入力 &quot;sites&quot; の拠点。</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>ターゲット</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>ファイルを選択</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>方針</translation>
    </message>
    <message>
        <source>A built-in policy name or a text form</source>
        <translation>組み込みの方針の名前、またはテキスト形式</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>メンバー %1</translation>
    </message>
    <message>
        <source>Preview, member %1: %2</source>
        <translation>プレビュー (メンバー %1): %2</translation>
    </message>
    <message>
        <source>Built-in: %1. Or a text form such as hflip:0.5,rotate:10,noise:0.05@0.5.</source>
        <translation>組み込み: %1。または hflip:0.5,rotate:10,noise:0.05@0.5 のようなテキスト形式。</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>メンバーを追加</translation>
    </message>
    <message>
        <source>Remove last</source>
        <translation>最後を削除</translation>
    </message>
    <message>
        <source>recipe.yaml</source>
        <translation>recipe.yaml</translation>
    </message>
    <message>
        <source>Write the resources in the flow</source>
        <translation>リソースをフロー内に記述</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>リソース</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>オプション</translation>
    </message>
    <message>
        <source>Add resource</source>
        <translation>リソースを追加</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>選択項目を削除</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FlowRunController</name>
    <message>
        <source>There is no inventory.yaml beside %1: open the workspace&apos;s inventory in the Fleet area, or put one there.</source>
        <translation>%1 と同じ場所に inventory.yaml がありません。「フリート」でワークスペースのインベントリを開くか、そこに inventory.yaml を置いてください。</translation>
    </message>
    <message>
        <source>Save the flow to run it.</source>
        <translation>フローを実行するには、先に保存してください。</translation>
    </message>
    <message>
        <source>Cannot run the flow</source>
        <translation>フローを実行できません</translation>
    </message>
    <message>
        <source>Dry run %1 started.</source>
        <translation>ドライラン %1 を開始しました。</translation>
    </message>
    <message>
        <source>Run %1 started.</source>
        <translation>ラン %1 を開始しました。</translation>
    </message>
    <message>
        <source>Cancelling: running steps are asked to stop.</source>
        <translation>キャンセルしています: 実行中のステップに停止を要求しました。</translation>
    </message>
    <message>
        <source>Run %1 cancelled.</source>
        <translation>ラン %1 をキャンセルしました。</translation>
    </message>
    <message>
        <source>Run %1 succeeded: %2 steps in %3 s.</source>
        <translation>ラン %1 が成功しました: %2 ステップ、%3 秒。</translation>
    </message>
    <message numerus="yes">
        <source>Run %1 ended with %n failed step(s).</source>
        <translation>
            <numerusform>ラン %1 は終了しましたが、%n ステップが失敗しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>the cloud</source>
        <translation>クラウド</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::FlowScene</name>
    <message>
        <source>An output links to an input, not to another output.</source>
        <translation>出力は入力にリンクします。出力どうしはリンクできません。</translation>
    </message>
    <message>
        <source>An input links to an output, not to another input.</source>
        <translation>入力は出力にリンクします。入力どうしはリンクできません。</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::HostKeyDialog</name>
    <message>
        <source>New host keys</source>
        <translation>新しいホスト鍵</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Key fingerprint (SHA256)</source>
        <translation>鍵のフィンガープリント (SHA256)</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>すべてチェック</translation>
    </message>
    <message>
        <source>Pin ticked keys</source>
        <translation>チェックした鍵をピン留め</translation>
    </message>
    <message>
        <source>Reject all</source>
        <translation>すべて拒否</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;%n site(s) answered with a host key that no known_hosts file trusts yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Compare each fingerprint with the one the site&apos;s administrator gives you (&lt;code&gt;ssh-keygen -lf&lt;/code&gt; on the host key). Ticked keys are pinned where you choose below; the others stay unknown and those sites are not contacted.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;%n か所の拠点が、どの known_hosts ファイルもまだ信頼していないホスト鍵で応答しました。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;各フィンガープリントを、拠点の管理者から伝えられたもの (ホスト鍵に対する &lt;code&gt;ssh-keygen -lf&lt;/code&gt;) と照合してください。チェックした鍵は下で選んだ場所に記録されます。それ以外は未知のままで、その拠点には接続しません。&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>This workspace&apos;s known_hosts (%1)</source>
        <translation>このワークスペースの known_hosts (%1)</translation>
    </message>
    <message>
        <source>My ~/.ssh/known_hosts (the ssh config&apos;s UserKnownHostsFile): ssh trusts them too</source>
        <translation>自分の ~/.ssh/known_hosts (ssh 設定の UserKnownHostsFile): ssh もその鍵を信頼します</translation>
    </message>
    <message>
        <source>Pin in:</source>
        <translation>記録先:</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::LiveChart</name>
    <message>
        <source>Drag a rectangle to zoom, use the wheel to zoom at the mouse, right-click to zoom out. Fit returns to following the data.</source>
        <translation>ドラッグで囲んだ範囲を拡大し、ホイールでマウスの位置を中心に拡大・縮小し、右クリックで縮小します。「全体表示」でデータへの追従に戻ります。</translation>
    </message>
    <message>
        <source>%1 — %2 %3: %4</source>
        <translation>%1 — %2 %3: %4</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::LiveMonitor</name>
    <message>
        <source>&lt;h3&gt;No sites to watch&lt;/h3&gt;&lt;p&gt;Open an inventory (File &amp;gt; Open inventory…) and the live charts of every site&apos;s training appear here: loss per member, test accuracy and the ensemble&apos;s accuracy.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;監視する拠点がありません&lt;/h3&gt;&lt;p&gt;インベントリを開くと (ファイル &amp;gt; インベントリを開く…)、各拠点の学習のライブチャートがここに表示されます: メンバーごとの損失、テスト精度、アンサンブルの精度。&lt;/p&gt;</translation>
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
        <translation>Tenkai は、深層学習モデルをクラウドからエッジ拠点へデプロイし、拠点でファインチューニングし、その学習を監視します。</translation>
    </message>
    <message>
        <source>Training in progress</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <source>A training is still running. Stop it and quit?</source>
        <translation>学習がまだ実行中です。停止して終了しますか?</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>このコンピューター</translation>
    </message>
    <message>
        <source>Sites (live)</source>
        <translation>拠点 (ライブ)</translation>
    </message>
    <message>
        <source>Fl&amp;eet</source>
        <translation>フリート(&amp;E)</translation>
    </message>
    <message>
        <source>%1[*] — Tenkai</source>
        <translation>%1[*] — Tenkai</translation>
    </message>
    <message>
        <source>&amp;Deploy…</source>
        <translation>デプロイ(&amp;D)…</translation>
    </message>
    <message>
        <source>Deploy the flow to the fleet: see the plan, then deploy in one click (Ctrl+Shift+D)</source>
        <translation>フローをフリートにデプロイします: 計画を確認してから、ワンクリックでデプロイできます (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>The folder %1 holds no inventory.yaml and no *.tenkai-flow.json.</source>
        <translation>フォルダー %1 には inventory.yaml も *.tenkai-flow.json もありません。</translation>
    </message>
    <message>
        <source>Open an inventory in the Fleet area first.</source>
        <translation>先に「フリート」でインベントリを開いてください。</translation>
    </message>
    <message>
        <source>Cannot deploy</source>
        <translation>デプロイできません</translation>
    </message>
    <message>
        <source>Deployment %1 succeeded.</source>
        <translation>デプロイ (ラン %1) が成功しました。</translation>
    </message>
    <message>
        <source>Deployment %1 ended with failures.</source>
        <translation>デプロイ (ラン %1) は一部失敗して終了しました。</translation>
    </message>
    <message>
        <source>Deploy…</source>
        <translation>デプロイ…</translation>
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
    <name>tenkai::ui::OverviewModel</name>
    <message>
        <source>Site</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>ラン</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Ensemble accuracy</source>
        <translation>アンサンブルの精度</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>キュー待ち</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::SiteFeed</name>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続中…</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>再接続中…</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>接続不可</translation>
    </message>
</context>
<context>
    <name>tenkai::ui::SitePanel</name>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Exponential moving average of the loss curves (0: raw values).</source>
        <translation>損失曲線の指数移動平均 (0: 生の値)。</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>対数目盛</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic scale.</source>
        <translation>損失を対数目盛で表示します。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Freeze the charts; new points are kept and appear on resume.</source>
        <translation>チャートの更新を止めます。新しいデータ点は保持され、再開すると表示されます。</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Undo the zoom and follow the data again.</source>
        <translation>ズームを解除し、再びデータに追従します。</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV をエクスポート…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG をエクスポート…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>ラン</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>X 軸</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑化</translation>
    </message>
    <message>
        <source>Training loss per member</source>
        <translation>メンバーごとの学習損失</translation>
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
        <source>Optimizer step</source>
        <translation>最適化ステップ</translation>
    </message>
    <message>
        <source>Seconds since the run started</source>
        <translation>ラン開始からの秒数</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>No site selected</source>
        <translation>拠点が選択されていません</translation>
    </message>
    <message>
        <source>Choose a site in the overview to see its charts.</source>
        <translation>一覧で拠点を選択すると、そのチャートを表示します。</translation>
    </message>
    <message>
        <source>tenkaid %1</source>
        <translation>tenkaid %1</translation>
    </message>
    <message>
        <source>run %1: %2, %3%</source>
        <translation>ラン %1: %2、%3%</translation>
    </message>
    <message numerus="yes">
        <source>paused, %n new event(s) waiting</source>
        <translation>
            <numerusform>一時停止中、新しいイベント %n 件が待機中</numerusform>
        </translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>メンバー %1</translation>
    </message>
    <message>
        <source>Ensemble (soft vote)</source>
        <translation>アンサンブル (ソフト投票)</translation>
    </message>
    <message>
        <source>No site is selected.</source>
        <translation>拠点が選択されていません。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 に書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Could not write the image %1.</source>
        <translation>画像 %1 を書き込めませんでした。</translation>
    </message>
    <message>
        <source>Export metrics as CSV</source>
        <translation>メトリクスを CSV でエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
        <source>Export charts as PNG</source>
        <translation>チャートを PNG でエクスポート</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>Resume run</source>
        <translation>ランを再開</translation>
    </message>
    <message>
        <source>Stop run</source>
        <translation>ランを停止</translation>
    </message>
    <message>
        <source>Queue this run again at its site; it carries on from its last checkpoint.</source>
        <translation>このランを拠点のキューに戻します。最後のチェックポイントから続きを学習します。</translation>
    </message>
    <message>
        <source>Stop this run at its next optimizer step; it can be resumed later from its last checkpoint.</source>
        <translation>次の最適化ステップでこのランを停止します。後で最後のチェックポイントから再開できます。</translation>
    </message>
    <message>
        <source>Ensemble (validation)</source>
        <translation>アンサンブル (検証)</translation>
    </message>
    <message>
        <source>Accuracy on the test split (the ensemble also on validation)</source>
        <translation>テスト分割での精度 (アンサンブルは検証分割でも表示)</translation>
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
        <source>State folder: runs, events, checkpoints, token, log (default: %1).</source>
        <translation>状態フォルダー: ラン、イベント、チェックポイント、トークン、ログを保存します (既定: %1)。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>TCP port on the loopback address (default %1; 0: any free port, written to STATE/tenkaid.port).</source>
        <translation>ループバックアドレスの TCP ポート (既定 %1。0: 空いている任意のポートを使い、その番号を STATE/tenkaid.port に書き出します)。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Address to listen on: 127.0.0.1 (default) or ::1; other addresses are refused, remote consoles come through SSH.</source>
        <translation>待ち受けるアドレス: 127.0.0.1 (既定) または ::1。それ以外のアドレスは拒否します。リモートのコンソールは SSH 経由で接続します。</translation>
    </message>
    <message>
        <source>address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>This site&apos;s name, reported to consoles (default: host name).</source>
        <translation>コンソールに通知する、この拠点の名前 (既定: ホスト名)。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Runs trained at the same time (default 1).</source>
        <translation>同時に学習するランの数 (既定 1)。</translation>
    </message>
    <message>
        <source>tenkaid: unexpected argument &quot;%1&quot;; see tenkaid --help.</source>
        <translation>tenkaid: 想定外の引数「%1」があります。tenkaid --help を参照してください。</translation>
    </message>
    <message>
        <source>tenkaid: --port expects a number from 0 to 65535, got &quot;%1&quot;.</source>
        <translation>tenkaid: --port には 0 から 65535 までの数値を指定してください (指定値: 「%1」)。</translation>
    </message>
    <message>
        <source>tenkaid: --max-runs expects a number from 1 to 64, got &quot;%1&quot;.</source>
        <translation>tenkaid: --max-runs には 1 から 64 までの数値を指定してください (指定値: 「%1」)。</translation>
    </message>
    <message>
        <source>tenkaid: second stop signal; exiting now, unfinished runs resume at the next start.</source>
        <translation>tenkaid: 2 回目の停止シグナルを受け取りました。ただちに終了します。未完了のランは次回起動時に再開します。</translation>
    </message>
    <message>
        <source>Let members of this daemon&apos;s group read its token (state folder 0750, token 0640, everything else private), so they can monitor it; the packaged system service uses it.</source>
        <translation>このデーモンのグループのメンバーがトークンを読めるようにします (状態フォルダー 0750、トークン 0640、それ以外は非公開)。これによりメンバーが監視できます。パッケージのシステムサービスはこれを使います。</translation>
    </message>
</context>
</TS>
