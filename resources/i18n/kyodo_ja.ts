<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ActiveQuestion</name>
    <message>
        <source>Deactivate the group</source>
        <translation>団体を無効にする</translation>
    </message>
    <message>
        <source>Deactivate %1? It stays in the registry with its records and can be made active again.</source>
        <translation>%1 を無効にしますか？ 記録とともに台帳に残り、あとで有効に戻せます。</translation>
    </message>
    <message>
        <source>Make the group active again</source>
        <translation>団体を有効に戻す</translation>
    </message>
    <message>
        <source>Make %1 active again?</source>
        <translation>%1 を有効に戻しますか？</translation>
    </message>
</context>
<context>
    <name>ApplicationDialog</name>
    <message>
        <source>New application</source>
        <translation>新規申請</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>事業</translation>
    </message>
    <message>
        <source>New project&apos;s title</source>
        <translation>新しい事業の名称</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>支援事業</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>部門</translation>
    </message>
    <message>
        <source>First step</source>
        <translation>最初の手続き</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Amount requested (yen)</source>
        <translation>申請額（円）</translation>
    </message>
    <message>
        <source>empty: the most the rules allow</source>
        <translation>空欄: 規則の上限まで</translation>
    </message>
    <message>
        <source>Member households</source>
        <translation>加入世帯数</translation>
    </message>
    <message>
        <source>Households counted on</source>
        <translation>世帯数の基準日</translation>
    </message>
    <message>
        <source>Operating cost requested (yen)</source>
        <translation>運営費の申請額（円）</translation>
    </message>
    <message>
        <source>Months planned</source>
        <translation>月ごとの計画</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>申請の目的</translation>
    </message>
    <message>
        <source>What the rules say</source>
        <translation>規則による判定</translation>
    </message>
    <message>
        <source>New project...</source>
        <translation>新しい事業...</translation>
    </message>
    <message>
        <source>No amount at a prior consultation: it is asked when filed</source>
        <translation>事前相談では申請額を入力しません（交付申請のときに入力します）</translation>
    </message>
    <message>
        <source>Amount requested</source>
        <translation>申請額</translation>
    </message>
    <message>
        <source>Operating cost</source>
        <translation>運営費</translation>
    </message>
    <message>
        <source>Choose the group from the list that opens as you type.</source>
        <translation>入力すると開く一覧から団体を選んでください。</translation>
    </message>
    <message>
        <source>Choose the programme.</source>
        <translation>支援事業を選んでください。</translation>
    </message>
</context>
<context>
    <name>ApplicationForm</name>
    <message>
        <source>Part of the group&apos;s name or reading</source>
        <translation>団体名またはフリガナの一部</translation>
    </message>
    <message>
        <source>Days opened</source>
        <translation>開設日数</translation>
    </message>
    <message>
        <source>Venue cost</source>
        <translation>会場費（円）</translation>
    </message>
    <message>
        <source>Days opened in %1: type the number of days, such as 12 (typed: %2).</source>
        <translation>%1の開設日数は 12 のように日数で入力してください（入力: %2）。</translation>
    </message>
    <message>
        <source>Venue cost in %1</source>
        <translation>%1の会場費</translation>
    </message>
    <message>
        <source>Choose the group and the programme.</source>
        <translation>団体と支援事業を選んでください。</translation>
    </message>
    <message>
        <source>Check the input.</source>
        <translation>入力を確かめてください。</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>対象外</translation>
    </message>
    <message>
        <source>The rules refuse this request</source>
        <translation>この申請は規則により受け付けられません</translation>
    </message>
    <message>
        <source>Grantable: %1</source>
        <translation>交付可能額: %1</translation>
    </message>
    <message>
        <source>Most grantable: %1</source>
        <translation>上限額: %1</translation>
    </message>
    <message>
        <source>Awards left for this project: %1</source>
        <translation>この事業の残り交付回数: %1 回</translation>
    </message>
    <message>
        <source>%1 requested is more than the %2 the costs allow</source>
        <translation>申請額 %1 は運営費・会場費から算定した額 %2 を超えています</translation>
    </message>
    <message>
        <source>Decide against the rules</source>
        <translation>規則と異なる決定をする</translation>
    </message>
    <message>
        <source>Why the head office decides against the rules (kept with the application)</source>
        <translation>規則と異なる決定をする理由（申請とともに記録されます）</translation>
    </message>
    <message>
        <source>Not taking applications in %1: %2</source>
        <translation>%1は受付なし: %2</translation>
    </message>
    <message>
        <source>(no division)</source>
        <translation>（部門なし）</translation>
    </message>
</context>
<context>
    <name>ApplicationPage</name>
    <message>
        <source>Requested</source>
        <translation>申請額</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>交付決定額</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>確定額</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>支払額</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>手続き</translation>
    </message>
    <message>
        <source>Document No.</source>
        <translation>文書番号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>担当職員</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>記録日時</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>規則</translation>
    </message>
    <message>
        <source>Next steps:</source>
        <translation>次の手続き:</translation>
    </message>
    <message>
        <source>Why not the other steps?</source>
        <translation>ほかの手続きができない理由</translation>
    </message>
    <message>
        <source>Budget...</source>
        <translation>収支予算...</translation>
    </message>
    <message>
        <source>Actual figures...</source>
        <translation>収支決算...</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>事業</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>支援事業</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>現在の手続き</translation>
    </message>
    <message>
        <source>Member households</source>
        <translation>加入世帯数</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>申請の目的</translation>
    </message>
    <message>
        <source>Decided against the rules (%1, %2)</source>
        <translation>規則と異なる決定（%1、%2）</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>理由: %1</translation>
    </message>
    <message>
        <source>The rules said:</source>
        <translation>規則の判定:</translation>
    </message>
    <message>
        <source>Against the rules</source>
        <translation>規則と異なる決定</translation>
    </message>
    <message>
        <source>Decided against the rules: %1</source>
        <translation>規則と異なる決定: %1</translation>
    </message>
    <message>
        <source>No step can be recorded by you now.</source>
        <translation>いま記録できる手続きはありません。</translation>
    </message>
</context>
<context>
    <name>ApplicationScreen</name>
    <message>
        <source>Decided against the rules</source>
        <translation>規則と異なる決定</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>支援事業</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>部門</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>事業</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>手続き</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申請額</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>交付決定額</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>支払額</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>規則</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>申請</translation>
    </message>
    <message>
        <source>Search by group name (Ctrl+F)</source>
        <translation>団体名で検索（Ctrl+F）</translation>
    </message>
    <message>
        <source>All fiscal years</source>
        <translation>すべての年度</translation>
    </message>
    <message>
        <source>All programmes</source>
        <translation>すべての支援事業</translation>
    </message>
    <message>
        <source>Every step</source>
        <translation>すべての手続き</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>すべての事務所</translation>
    </message>
    <message>
        <source>New application...</source>
        <translation>新規申請...</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <source>Audit log</source>
        <translation>監査ログ</translation>
    </message>
    <message>
        <source>e.g. R8.4.1</source>
        <translation>例: R8.4.1</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>すべての事務所</translation>
    </message>
    <message>
        <source>All staff</source>
        <translation>すべての職員</translation>
    </message>
    <message>
        <source>The program itself</source>
        <translation>プログラム自身</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>すべての操作</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>すべての対象</translation>
    </message>
    <message>
        <source>Record ID or words in the content</source>
        <translation>記録のIDまたは内容の語句</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>改ざんの検査</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>Staff name</source>
        <translation>職員名</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>職員</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Select an entry to see what it recorded.</source>
        <translation>記録を選ぶと、その内容を表示します。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>期間（から）</translation>
    </message>
    <message>
        <source>To</source>
        <translation>期間（まで）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>語句</translation>
    </message>
    <message>
        <source>No. %1 · %2 · %3 · %4 %5 · ID %6</source>
        <translation>%1番・%2・%3・%4の%5・ID %6</translation>
    </message>
    <message>
        <source>Its content was erased when the person&apos;s retention period ended.</source>
        <translation>この記録の内容は、相談者の保存期間が過ぎたため消去されています。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
</context>
<context>
    <name>BackgroundCheck</name>
    <message>
        <source>The damage was found while the program was already open. Do not enter new records: close the program and restore from a backup (設定 → バックアップ, or kyodo-admin restore). The backups are no longer taken until then, so that the sound copies are kept.</source>
        <translation>この損傷はプログラムを開いた後の検査で見つかりました。新しい記録は入力しないでください。プログラムを閉じて、バックアップから復元してください（設定 → バックアップ、または kyodo-admin restore）。壊れていないバックアップを残すため、それまでバックアップは取りません。</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>データベースが壊れています</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>Taken at</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>今すぐバックアップ</translation>
    </message>
    <message>
        <source>Restore from this backup...</source>
        <translation>このバックアップから復元…</translation>
    </message>
    <message>
        <source>A server database is backed up on the server by the system staff (kyodo-admin backup --database-url runs pg_dump; see docs/server.md).</source>
        <translation>サーバーのデータベースは、システム担当がサーバー側でバックアップします（kyodo-admin backup --database-url で pg_dump を実行します。docs/server.md を参照）。</translation>
    </message>
    <message>
        <source>Backed up: %1</source>
        <translation>バックアップしました: %1</translation>
    </message>
    <message>
        <source>Choose a backup in the list first.</source>
        <translation>一覧からバックアップを選んでください。</translation>
    </message>
    <message>
        <source>The records were restored from the backup of %1. The program will now close; please start it again.</source>
        <translation>%1 のバックアップから記録を復元しました。プログラムを終了しますので、もう一度起動してください。</translation>
    </message>
    <message>
        <source>The replaced file was kept as %1.</source>
        <translation>置き換える前のファイルは %1 として残してあります。</translation>
    </message>
</context>
<context>
    <name>BackupTimer</name>
    <message>
        <source>The backup could not be taken: %1</source>
        <translation>バックアップを取れませんでした: %1</translation>
    </message>
    <message>
        <source>Where the database is kept</source>
        <translation>データベースの保存場所</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>At start</source>
        <translation>起動時</translation>
    </message>
    <message>
        <source>Periodic</source>
        <translation>定期</translation>
    </message>
    <message>
        <source>Before migration</source>
        <translation>移行前</translation>
    </message>
    <message>
        <source>Before restore</source>
        <translation>復元前</translation>
    </message>
    <message>
        <source>Before import</source>
        <translation>取込前</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手動</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>バックアップから復元</translation>
    </message>
    <message>
        <source>The records will be put back as they were at %1. Everything entered since then will no longer be shown (the current file is kept in the backups folder). The program will then close and must be started again. Restore?</source>
        <translation>記録を %1 の時点に戻します。それ以降に入力した内容は表示されなくなります（現在のファイルはバックアップフォルダに残します）。復元のあとプログラムを終了しますので、もう一度起動してください。復元しますか？</translation>
    </message>
</context>
<context>
    <name>BlankFormDialog</name>
    <message>
        <source>Blank forms</source>
        <translation>白紙の様式</translation>
    </message>
    <message>
        <source> (until %1)</source>
        <translation>（%1まで）</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>様式</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>支援事業</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Budget</source>
        <translation>収支予算</translation>
    </message>
    <message>
        <source>Actual figures</source>
        <translation>収支決算</translation>
    </message>
    <message>
        <source>Add income line</source>
        <translation>収入の行を追加</translation>
    </message>
    <message>
        <source>Add expense line</source>
        <translation>支出の行を追加</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>行を削除</translation>
    </message>
    <message>
        <source>Operating cost requested (yen)</source>
        <translation>運営費の申請額（円）</translation>
    </message>
    <message>
        <source>Months planned</source>
        <translation>月ごとの計画</translation>
    </message>
    <message>
        <source>Months held</source>
        <translation>月ごとの実績</translation>
    </message>
    <message>
        <source>Income %1 · Expense %2 · Difference %3</source>
        <translation>収入 %1・支出 %2・差額 %3</translation>
    </message>
    <message>
        <source>Operating cost</source>
        <translation>運営費</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>収入</translation>
    </message>
    <message>
        <source>Expense</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>科目</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>The amount of line %1</source>
        <translation>%1行目の金額</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Change a support case</source>
        <translation>支援ケースの変更</translation>
    </message>
    <message>
        <source>New support case</source>
        <translation>支援ケースの登録</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>ケース名</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>支援の目的</translation>
    </message>
    <message>
        <source>Lead officer</source>
        <translation>担当職員</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>次の対応</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>期限</translation>
    </message>
</context>
<context>
    <name>CaseEventDialog</name>
    <message>
        <source>New entry</source>
        <translation>経過の記録</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>相談記録</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>つなぎ先</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申請</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Document No.</source>
        <translation>文書番号</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>担当職員</translation>
    </message>
    <message>
        <source>Add entry...</source>
        <translation>記録を追加...</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>変更...</translation>
    </message>
    <message>
        <source>Next action done</source>
        <translation>次の対応を完了</translation>
    </message>
    <message numerus="yes">
        <source>Timeline (%n line(s), oldest first)</source>
        <translation>
            <numerusform>経過（%n件、古い順）</numerusform>
        </translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Close case...</source>
        <translation>終結...</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>%1まで</translation>
    </message>
    <message numerus="yes">
        <source>(%n day(s) overdue)</source>
        <translation>
            <numerusform>（%n日超過）</numerusform>
        </translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>ケース名</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>支援の目的</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>Lead officer</source>
        <translation>担当職員</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>次の対応</translation>
    </message>
</context>
<context>
    <name>CaseScreen</name>
    <message>
        <source>Opened</source>
        <translation>開始日</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Lead officer</source>
        <translation>担当職員</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>記録数</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>次の対応</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Support cases</source>
        <translation>支援ケース</translation>
    </message>
    <message>
        <source>Search by group name</source>
        <translation>団体名で検索</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>対応中・見守りのケース</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>すべてのケース</translation>
    </message>
    <message>
        <source>New support case...</source>
        <translation>支援ケースを登録...</translation>
    </message>
</context>
<context>
    <name>CloseCaseQuestion</name>
    <message>
        <source>Close the support case</source>
        <translation>支援ケースの終結</translation>
    </message>
    <message>
        <source>Close %1 as of today? Its next action is dropped; it can be reopened.</source>
        <translation>%1を本日付で終結しますか？次の対応は取り消されます。あとで再開できます。</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>競合の決定</translation>
    </message>
    <message>
        <source>The same field was changed at the head office and at an office before they last agreed. For each field, choose the value that stands; the decision goes back to the offices with the next return file.</source>
        <translation>本庁と事務所で、同じ項目がそれぞれ変更されました。項目ごとに、残す値を選んでください。決定は次の返送ファイルで事務所に届きます。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Last agreed</source>
        <translation>前回一致した値</translation>
    </message>
    <message>
        <source>Head office value</source>
        <translation>本庁の値</translation>
    </message>
    <message>
        <source>Office value</source>
        <translation>事務所の値</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>Save the decision</source>
        <translation>決定を保存</translation>
    </message>
    <message>
        <source>%1 (%2, from %3)</source>
        <translation>%1（%2、%3から）</translation>
    </message>
    <message>
        <source>No conflict is waiting for a decision.</source>
        <translation>決定を待っている競合はありません。</translation>
    </message>
    <message>
        <source>%1: changed at %2 and at %3</source>
        <translation>%1: %2と%3で変更されました</translation>
    </message>
    <message>
        <source>One side deleted the record: choose whether the deletion stands or the record is kept.</source>
        <translation>一方でこの記録が削除されています。「削除」の行で、削除のままにするか記録を残すかを選んでください。</translation>
    </message>
    <message>
        <source>Decided for %1. Now: %2</source>
        <translation>%1 について決定しました。現在の値: %2</translation>
    </message>
</context>
<context>
    <name>ConsultationFilterBar</name>
    <message>
        <source>All years</source>
        <translation>すべての年度</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>年度全体</translation>
    </message>
    <message>
        <source>%1 month</source>
        <translation>%1月</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>すべての事務所</translation>
    </message>
    <message>
        <source>All topics</source>
        <translation>すべての相談分類</translation>
    </message>
    <message>
        <source>All officers</source>
        <translation>すべての職員</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>すべての方法</translation>
    </message>
    <message>
        <source>Any follow-up</source>
        <translation>フォロー指定なし</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完了</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>Due by today</source>
        <translation>今日まで</translation>
    </message>
    <message>
        <source>Search what was asked, answered, group (Ctrl+F)</source>
        <translation>相談内容・対応内容・団体名で検索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>条件をクリア</translation>
    </message>
    <message>
        <source>e.g. R8.4.1</source>
        <translation>例: R8.4.1</translation>
    </message>
    <message>
        <source>From</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>to</source>
        <translation>～</translation>
    </message>
</context>
<context>
    <name>ConsultationForm</name>
    <message>
        <source>&quot;%1&quot; is not in the list. Choose one from the list.</source>
        <translation>「%1」は一覧にありません。一覧から選んでください。</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>個人</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>New person...</source>
        <translation>新しい相談者...</translation>
    </message>
    <message>
        <source>Part of the group&apos;s name or reading</source>
        <translation>団体名またはフリガナの一部</translation>
    </message>
    <message>
        <source>Part of the person&apos;s name or reading</source>
        <translation>氏名またはフリガナの一部</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>選択中: %1</translation>
    </message>
    <message>
        <source>Choose the group from the list that opens as you type, or choose Anonymous.</source>
        <translation>入力すると開く一覧から団体を選ぶか、「匿名」を選んでください。</translation>
    </message>
    <message>
        <source>Choose the person from the list that opens as you type, or register a new person.</source>
        <translation>入力すると開く一覧から相談者を選ぶか、新しい相談者を登録してください。</translation>
    </message>
    <message>
        <source>Consultation not saved</source>
        <translation>保存されていない相談</translation>
    </message>
    <message>
        <source>A consultation you were typing was not saved:
%1

Open it to finish it now, keep it for later (asked again at your next sign-in), or discard it?</source>
        <translation>入力中の相談が保存されていません:
%1

今すぐ開いて仕上げますか、後で（次回のログイン時にもう一度確認します）にしますか、それとも破棄しますか？</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>後で(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Discard...</source>
        <translation>破棄(&amp;D)...</translation>
    </message>
    <message>
        <source>The consultation typed but not saved will be deleted and cannot be brought back. Discard it?</source>
        <translation>保存されていない相談の入力内容を削除します。元に戻すことはできません。破棄しますか？</translation>
    </message>
    <message>
        <source>%1 (%2), officer %3</source>
        <translation>%1（%2）&#x3000;職員 %3</translation>
    </message>
    <message>
        <source>Office and officer</source>
        <translation>事務所・職員</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>相談日(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>方法(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Who asked</source>
        <translation>相談者(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Topics</source>
        <translation>相談分類(&amp;T)</translation>
    </message>
    <message>
        <source>What was &amp;asked</source>
        <translation>相談内容(&amp;A)</translation>
    </message>
    <message>
        <source>What was a&amp;nswered</source>
        <translation>対応内容(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Referred to</source>
        <translation>つなぎ先(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Follow-up on</source>
        <translation>フォロー予定日(&amp;F)</translation>
    </message>
    <message>
        <source>Discard the consultation</source>
        <translation>相談の破棄</translation>
    </message>
    <message>
        <source>What you typed has not been saved. Close the form and discard it?</source>
        <translation>入力した内容はまだ保存されていません。フォームを閉じて破棄しますか？</translation>
    </message>
    <message>
        <source>New consultation</source>
        <translation>新しい相談</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Consultation of %1</source>
        <translation>%1の相談</translation>
    </message>
    <message>
        <source>Consultation (restored)</source>
        <translation>相談（復元）</translation>
    </message>
    <message>
        <source>The draft could not be kept on disk (%1).</source>
        <translation>下書きをディスクに保存できませんでした（%1）。</translation>
    </message>
    <message>
        <source>Saved. Ready for the next consultation.</source>
        <translation>保存しました。次の相談を入力できます。</translation>
    </message>
</context>
<context>
    <name>ConsultationScreen</name>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>done</source>
        <translation>済</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Who asked</source>
        <translation>相談者</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>What was asked</source>
        <translation>相談内容</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>担当職員</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>フォロー</translation>
    </message>
    <message>
        <source>Consultations</source>
        <translation>相談記録</translation>
    </message>
    <message>
        <source>New consultation</source>
        <translation>新規相談</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>CSV書出し...</translation>
    </message>
    <message>
        <source>Export the list as filtered, for Excel</source>
        <translation>絞り込んだ一覧をExcel用に書き出します</translation>
    </message>
</context>
<context>
    <name>DayEdit</name>
    <message>
        <source>e.g. R7.4.1</source>
        <translation>例: R7.4.1</translation>
    </message>
</context>
<context>
    <name>DiscardQuestion</name>
    <message>
        <source>Sign in as someone else</source>
        <translation>別の職員でログイン</translation>
    </message>
    <message>
        <source>What you typed but did not save will be lost when someone else signs in. Go on?</source>
        <translation>別の職員がログインすると、入力して保存していない内容は失われます。続けますか？</translation>
    </message>
</context>
<context>
    <name>DocumentScreen</name>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>文書番号</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>手続き</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>支援事業</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>帳票</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>Blank forms...</source>
        <translation>白紙の様式...</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>支援事業</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>事業</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>手続き</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>交付決定額</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>支払額</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Who asked</source>
        <translation>相談者</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>相談分類</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>担当職員</translation>
    </message>
    <message>
        <source>What was asked</source>
        <translation>相談内容</translation>
    </message>
</context>
<context>
    <name>DuplicateQuestion</name>
    <message>
        <source>This group may be registered already</source>
        <translation>すでに登録されている可能性があります</translation>
    </message>
    <message>
        <source>Groups with the same name, or at the same address, are in the registry. Save the change only if this group is another one.</source>
        <translation>同じ名称、または同じ所在地の団体が登録されています。別の団体である場合だけ、変更を保存してください。</translation>
    </message>
    <message>
        <source>Groups with the same name, or at the same address, are in the registry. Open the one that is this group, or register a new group if it is another.</source>
        <translation>同じ名称、または同じ所在地の団体が登録されています。同じ団体であれば登録済みの団体を開き、別の団体であれば新しく登録してください。</translation>
    </message>
    <message>
        <source>(inactive)</source>
        <translation>（無効）</translation>
    </message>
    <message>
        <source>Open the existing group</source>
        <translation>登録済みの団体を開く</translation>
    </message>
    <message>
        <source>Register anyway</source>
        <translation>このまま登録する</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>このまま保存する</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>戻る</translation>
    </message>
</context>
<context>
    <name>EntitlementModel</name>
    <message>
        <source>New project</source>
        <translation>新しい事業</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>可</translation>
    </message>
    <message>
        <source>No</source>
        <translation>不可</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <source>Depends on the application</source>
        <translation>申請内容による</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>支援事業</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>部門</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>事業</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Times left</source>
        <translation>残り回数</translation>
    </message>
    <message>
        <source>Most grantable</source>
        <translation>上限額</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Of the group&apos;s projects, the one with the most left</source>
        <translation>この団体の事業のうち、残りが最も多い事業</translation>
    </message>
</context>
<context>
    <name>EntitlementPanel</name>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The program could not start because of an internal error. Your data has not been changed. Please tell the system staff what you were doing and send them the details below.</source>
        <translation>プログラムの内部エラーのため起動できませんでした。データは変更されていません。何をしていたかと、下の詳細をシステム担当に伝えてください。</translation>
    </message>
    <message>
        <source>Backups you can restore from:</source>
        <translation>復元に使えるバックアップ:</translation>
    </message>
    <message>
        <source>There is no backup of this database in its backups folder.</source>
        <translation>このデータベースのバックアップは、バックアップフォルダにありません。</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>データフォルダ: %1</translation>
    </message>
    <message>
        <source>Kyodo Desk</source>
        <translation>協働デスク</translation>
    </message>
    <message>
        <source>Choose a backup to restore from. The damaged file is kept aside.</source>
        <translation>復元に使うバックアップを選んでください。壊れたファイルは別に残します。</translation>
    </message>
    <message>
        <source>Restore from this backup</source>
        <translation>このバックアップから復元</translation>
    </message>
    <message>
        <source>The records were restored from %1. Please start the program again.</source>
        <translation>%1 から記録を復元しました。もう一度プログラムを起動してください。</translation>
    </message>
    <message>
        <source>The damaged file was kept as %1.</source>
        <translation>壊れたファイルは %1 として残してあります。</translation>
    </message>
</context>
<context>
    <name>EstimateDialog</name>
    <message>
        <source>Estimate a grant</source>
        <translation>交付額の試算</translation>
    </message>
</context>
<context>
    <name>EstimatePanel</name>
    <message>
        <source> time(s)</source>
        <translation> 回</translation>
    </message>
    <message>
        <source>e.g. 1,000</source>
        <translation>例: 1,000</translation>
    </message>
    <message>
        <source>e.g. R8.7.1</source>
        <translation>例: R8.7.1</translation>
    </message>
    <message>
        <source>Member households</source>
        <translation>加入世帯数</translation>
    </message>
    <message>
        <source>Counted on</source>
        <translation>世帯数の基準日</translation>
    </message>
    <message>
        <source>e.g. 150,000 (empty: the most)</source>
        <translation>例: 150,000（空欄: 上限まで）</translation>
    </message>
    <message>
        <source>Amount requested (yen)</source>
        <translation>申請額（円）</translation>
    </message>
    <message>
        <source>empty: the most</source>
        <translation>空欄: 上限まで</translation>
    </message>
    <message>
        <source>Days opened</source>
        <translation>開設日数</translation>
    </message>
    <message>
        <source>Venue cost</source>
        <translation>会場費（円）</translation>
    </message>
    <message>
        <source>Operating cost requested (yen)</source>
        <translation>運営費の申請額（円）</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>支援事業</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>部門</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Kind of group</source>
        <translation>団体の種別</translation>
    </message>
    <message>
        <source>Awards this project already had</source>
        <translation>この事業の交付決定済み回数</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>試算結果</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>内訳</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>(no division)</source>
        <translation>（部門なし）</translation>
    </message>
    <message>
        <source>Operating cost</source>
        <translation>運営費</translation>
    </message>
    <message>
        <source>Days opened in %1</source>
        <translation>%1の開設日数</translation>
    </message>
    <message>
        <source>Venue cost in %1</source>
        <translation>%1の会場費</translation>
    </message>
    <message>
        <source>Check the input.</source>
        <translation>入力を確かめてください。</translation>
    </message>
    <message>
        <source>Grantable: %1</source>
        <translation>交付可能額: %1</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>対象外</translation>
    </message>
    <message>
        <source>Most grantable: %1</source>
        <translation>上限額: %1</translation>
    </message>
    <message>
        <source>Awards left for this project: %1</source>
        <translation>この事業の残り交付回数: %1 回</translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <source>Send to which folder?</source>
        <translation>送り先のフォルダを選んでください</translation>
    </message>
    <message>
        <source>Receive which files?</source>
        <translation>受け取るファイルを選んでください</translation>
    </message>
    <message>
        <source>Exchange files (*%1)</source>
        <translation>受け渡しファイル (*%1)</translation>
    </message>
    <message>
        <source>Exchange data</source>
        <translation>データの受け渡し</translation>
    </message>
    <message>
        <source>Send this office&apos;s records to the head office (or, at the head office, the return files to the branches), or receive the files brought on a USB stick or put in the shared folder.</source>
        <translation>この事務所の記録を本庁に送る（本庁では各事務所への返送ファイルを作る）か、USBメモリで届いたファイルや共有フォルダに置かれたファイルを受け取ります。</translation>
    </message>
    <message>
        <source>&amp;Send...</source>
        <translation>送る(&amp;S)...</translation>
    </message>
    <message>
        <source>&amp;Receive...</source>
        <translation>受け取る(&amp;R)...</translation>
    </message>
    <message>
        <source>What was sent or received is shown here.</source>
        <translation>送ったもの・受け取ったものがここに表示されます。</translation>
    </message>
    <message>
        <source>Sending to %1...</source>
        <translation>%1 に送っています...</translation>
    </message>
    <message>
        <source>Receiving %1 file(s)...</source>
        <translation>%1 件のファイルを受け取っています...</translation>
    </message>
</context>
<context>
    <name>ExchangeSummary</name>
    <message>
        <source>There is no office to send to: the system staff add the other office&apos;s public card first (kyodo-admin exchange keys add).</source>
        <translation>送る相手がいません。システム担当が相手の事務所の公開鍵カードを登録してください（kyodo-admin exchange keys add）。</translation>
    </message>
    <message>
        <source>Sent %1 file(s).</source>
        <translation>%1 件のファイルを送りました。</translation>
    </message>
    <message>
        <source>To %1: %2 record(s)</source>
        <translation>%1あて: %2 件</translation>
    </message>
    <message>
        <source>from %1: </source>
        <translation>%1から </translation>
    </message>
    <message>
        <source>received (%1 record(s), %2 conflict(s))</source>
        <translation>受け取りました（%1 件、競合 %2 件）</translation>
    </message>
    <message>
        <source>received already</source>
        <translation>受け取り済み（変更なし）</translation>
    </message>
    <message>
        <source>on hold (an earlier file has not arrived)</source>
        <translation>保留（前のファイルが未着）</translation>
    </message>
    <message>
        <source>kept aside</source>
        <translation>取り分けました</translation>
    </message>
    <message>
        <source>%1 award(s) to be checked: Figures, To be checked</source>
        <translation>要確認の交付 %1 件（集計 → 要確認）</translation>
    </message>
    <message>
        <source>Kept at: %1</source>
        <translation>保管場所: %1</translation>
    </message>
</context>
<context>
    <name>ExchangeTab</name>
    <message>
        <source>The ward&apos;s shared folder</source>
        <translation>区の共有フォルダ</translation>
    </message>
    <message>
        <source>Not set: files travel on a USB stick only</source>
        <translation>未設定（ファイルはUSBメモリで受け渡します）</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>選ぶ...</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>解除</translation>
    </message>
    <message>
        <source>This office in the exchange:</source>
        <translation>受け渡しでの名乗り:</translation>
    </message>
    <message>
        <source>Shared folder:</source>
        <translation>共有フォルダ:</translation>
    </message>
    <message>
        <source>While the shared folder can be reached, the program sends and receives by itself: at start, when an officer signs out, and every %1 minutes. Files for the head office are put in to-00, the head office&apos;s files for each office in to-01 … to-17; a file taken in is moved into received inside them. The status bar says when it last happened.</source>
        <translation>共有フォルダに接続できる間は、起動時、職員のサインアウト時、%1分ごとに自動で送受信します。本庁あてのファイルは to-00 に、本庁から各事務所あてのファイルは to-01 〜 to-17 に置かれ、受け取ったファイルはその中の received に移します。最後に送受信した時刻はステータスバーに表示されます。</translation>
    </message>
    <message>
        <source>Only an administrator can change the shared folder.</source>
        <translation>共有フォルダを変更できるのは管理者だけです。</translation>
    </message>
    <message>
        <source>The shared folder was set.</source>
        <translation>共有フォルダを設定しました。</translation>
    </message>
    <message>
        <source>The shared folder was cleared.</source>
        <translation>共有フォルダの設定を解除しました。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>CSV, UTF-8 for Excel (*.csv)</source>
        <translation>CSV UTF-8（Excel 2016以降）(*.csv)</translation>
    </message>
    <message>
        <source>CSV, Shift_JIS for older Excel (*.csv)</source>
        <translation>CSV Shift_JIS（古いExcel用）(*.csv)</translation>
    </message>
    <message>
        <source>Export consultations</source>
        <translation>相談記録の書出し</translation>
    </message>
    <message>
        <source>%1 consultation(s) written to %2.</source>
        <translation>%1件の相談記録を %2 に書き出しました。</translation>
    </message>
    <message>
        <source>%1 character(s) cannot be written in Shift_JIS and were replaced with 〓.</source>
        <translation>Shift_JISで書けない文字 %1字を〓に置き換えました。</translation>
    </message>
    <message>
        <source>Writing %1...</source>
        <translation>%1 を書き出しています...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>FigureExportDialog</name>
    <message>
        <source>CSV, UTF-8 (Excel 2016 and later)</source>
        <translation>CSV（UTF-8、Excel 2016以降）</translation>
    </message>
    <message>
        <source>CSV, Shift_JIS (older Excel)</source>
        <translation>CSV（Shift_JIS、古いExcel）</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excelブック（.xlsx）</translation>
    </message>
    <message>
        <source>PDF (to print)</source>
        <translation>PDF（印刷用）</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excelブック (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export figures</source>
        <translation>集計の書き出し</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>全事務所</translation>
    </message>
    <message>
        <source>Every table of %1, %2.</source>
        <translation>%1・%2のすべての表を書き出します。</translation>
    </message>
    <message>
        <source>Export...</source>
        <translation>書き出し...</translation>
    </message>
    <message>
        <source>Written to %1</source>
        <translation>%1 に書き出しました</translation>
    </message>
    <message>
        <source>%1 character(s) cannot be written in Shift_JIS and were replaced with 〓.</source>
        <translation>Shift_JIS で書けない文字 %1 個を 〓 にしました。</translation>
    </message>
    <message>
        <source>Only the head office may export the figures</source>
        <translation>集計の書き出しは協働推進課だけができます</translation>
    </message>
</context>
<context>
    <name>FigureScreen</name>
    <message>
        <source>Figures</source>
        <translation>集計</translation>
    </message>
    <message>
        <source>Counter staff see the figures of their office</source>
        <translation>窓口の職員は自分の事務所の集計を見ます</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>全事務所</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>To be checked</source>
        <translation>要確認</translation>
    </message>
    <message>
        <source>By programme</source>
        <translation>支援事業別</translation>
    </message>
    <message>
        <source>Groups funded by year</source>
        <translation>交付団体数の推移</translation>
    </message>
    <message>
        <source>By step</source>
        <translation>手続き別</translation>
    </message>
    <message>
        <source>By office and topic</source>
        <translation>事務所別・分類別</translation>
    </message>
    <message>
        <source>By office and month</source>
        <translation>事務所別・月別</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>方法別</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>フォローの期限</translation>
    </message>
    <message>
        <source>The paper&apos;s figures</source>
        <translation>資料の実績</translation>
    </message>
</context>
<context>
    <name>FigureTableModel</name>
    <message>
        <source>Click to list the records behind this figure</source>
        <translation>クリックすると、この数の内訳（記録の一覧）を表示します</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>単位：%1</translation>
    </message>
</context>
<context>
    <name>FolderExchangeTimer</name>
    <message>
        <source>Exchange: not done (%1)</source>
        <translation>受け渡し: できませんでした（%1）</translation>
    </message>
    <message>
        <source>Exchange: cannot reach the shared folder (%1)</source>
        <translation>受け渡し: 共有フォルダに接続できません（%1）</translation>
    </message>
    <message>
        <source>Shared folder: %1</source>
        <translation>共有フォルダ: %1</translation>
    </message>
    <message>
        <source>Exchange: sent and received at %1</source>
        <translation>受け渡し: %1 に送受信しました</translation>
    </message>
    <message>
        <source>Exchange: sent at %1</source>
        <translation>受け渡し: %1 に送信しました</translation>
    </message>
    <message>
        <source>Exchange: received at %1</source>
        <translation>受け渡し: %1 に受信しました</translation>
    </message>
    <message>
        <source>Exchange: nothing new at %1</source>
        <translation>受け渡し: %1 に確認しました（新着なし）</translation>
    </message>
    <message>
        <source> (%1 on hold)</source>
        <translation>（保留 %1 件）</translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <source>Due today</source>
        <translation>今日が期限</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n日超過</numerusform>
        </translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>相談</translation>
    </message>
    <message>
        <source>Support case</source>
        <translation>支援ケース</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Who asked</source>
        <translation>相談者</translation>
    </message>
    <message>
        <source>What was asked</source>
        <translation>相談内容</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>相談分類</translation>
    </message>
    <message>
        <source>Consulted on</source>
        <translation>相談日</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>担当職員</translation>
    </message>
    <message>
        <source>Mine only</source>
        <translation>自分の分だけ</translation>
    </message>
    <message>
        <source>My office</source>
        <translation>事務所の分</translation>
    </message>
    <message>
        <source>Open consultation</source>
        <translation>相談を開く</translation>
    </message>
    <message>
        <source>Mark follow-up done</source>
        <translation>フォロー完了にする</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>%1 due today, %2 overdue</source>
        <translation>今日が期限 %1件・期限切れ %2件</translation>
    </message>
    <message>
        <source>First %1 shown of %2; filter the log by &quot;Due by today&quot; to see all</source>
        <translation>先頭%1件を表示・全%2件。相談記録で「今日まで」で絞り込めます</translation>
    </message>
    <message>
        <source>Open support case</source>
        <translation>支援ケースを開く</translation>
    </message>
    <message>
        <source>Today&apos;s follow-ups</source>
        <translation>今日のフォロー</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>Change a group</source>
        <translation>団体の変更</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新規登録</translation>
    </message>
    <message>
        <source>In katakana or hiragana</source>
        <translation>カタカナまたはひらがな</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Office in charge</source>
        <translation>担当事務所</translation>
    </message>
    <message>
        <source>Representative</source>
        <translation>代表者</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>郵便番号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Member households</source>
        <translation>加入世帯数</translation>
    </message>
    <message>
        <source>Households counted on</source>
        <translation>世帯数の基準日</translation>
    </message>
    <message>
        <source>Founded on</source>
        <translation>設立日</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
</context>
<context>
    <name>GroupImportDialog</name>
    <message>
        <source>Import groups from a file</source>
        <translation>ファイルから団体を取り込む</translation>
    </message>
    <message>
        <source>%1: %2 to create, %3 to update, %4 unchanged, %5 not imported.</source>
        <translation>%1: 作成 %2件、更新 %3件、変更なし %4件、取り込まない %5件。</translation>
    </message>
    <message>
        <source>%1 row(s) look like registered groups and are not created.</source>
        <translation>%1件は登録済みの団体と重複の疑いがあるため作成しません。</translation>
    </message>
    <message>
        <source>Columns not used: %1</source>
        <translation>使わない列: %1</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>%1行目</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未登録</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>重複の疑い</translation>
    </message>
    <message>
        <source>Create (%1)</source>
        <translation>作成（%1）</translation>
    </message>
    <message>
        <source>Update (%1)</source>
        <translation>更新（%1）</translation>
    </message>
    <message>
        <source>Not imported (%1)</source>
        <translation>取り込まない（%1）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込む</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>%1 group(s) created, %2 updated.</source>
        <translation>%1件を作成、%2件を更新しました。</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.csv)</source>
        <translation>Excel または CSV (*.xlsx *.csv)</translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <source>Consultation</source>
        <translation>相談</translation>
    </message>
    <message>
        <source>Support case</source>
        <translation>支援ケース</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>事業</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申請</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>New support case...</source>
        <translation>支援ケースを登録...</translation>
    </message>
    <message>
        <source>New application...</source>
        <translation>新規申請...</translation>
    </message>
    <message>
        <source>Print group register</source>
        <translation>団体台帳を印刷</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Support it could receive</source>
        <translation>受けられる支援</translation>
    </message>
    <message numerus="yes">
        <source>History (%n record(s), oldest first)</source>
        <translation>
            <numerusform>履歴（%n 件、古い順）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 households (counted on %2)</source>
        <translation>%1 世帯（%2 現在）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Office in charge</source>
        <translation>担当事務所</translation>
    </message>
    <message>
        <source>Representative</source>
        <translation>代表者</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Member households</source>
        <translation>加入世帯数</translation>
    </message>
    <message>
        <source>Founded on</source>
        <translation>設立日</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>無効</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>無効にする</translation>
    </message>
    <message>
        <source>Make active again</source>
        <translation>有効に戻す</translation>
    </message>
</context>
<context>
    <name>GroupScreen</name>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>無効</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>加入世帯数</translation>
    </message>
    <message>
        <source>Counted on</source>
        <translation>世帯数の基準日</translation>
    </message>
    <message>
        <source>Representative</source>
        <translation>代表者</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Search by name or reading (Ctrl+F)</source>
        <translation>名称・フリガナで検索（Ctrl+F）</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種別</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>すべての事務所</translation>
    </message>
    <message>
        <source>Active groups</source>
        <translation>有効な団体</translation>
    </message>
    <message>
        <source>Inactive groups</source>
        <translation>無効の団体</translation>
    </message>
    <message>
        <source>Active and inactive</source>
        <translation>有効・無効とも</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新規登録</translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation>ファイルから取り込む…</translation>
    </message>
</context>
<context>
    <name>ListScreen</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%Ln 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <source>Kyodo Desk is locked.</source>
        <translation>協働デスクはロックされています。</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Screen locked</source>
        <translation>画面ロック</translation>
    </message>
    <message>
        <source>The screen was locked because nothing was typed for a while. %1 (%2) is signed in: enter the password to go on.</source>
        <translation>しばらく操作がなかったため、画面をロックしました。%1（%2）がログインしています。続けるにはパスワードを入力してください。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <source>Sign in as someone else...</source>
        <translation>別の職員でログイン...</translation>
    </message>
    <message>
        <source>Demo data: the password is &quot;%1&quot;.</source>
        <translation>デモデータ: パスワードは「%1」です。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to Kyodo Desk</source>
        <translation>協働デスクにログイン</translation>
    </message>
    <message>
        <source>Enter your login ID and password.</source>
        <translation>ログインIDとパスワードを入力してください。</translation>
    </message>
    <message>
        <source>Login ID</source>
        <translation>ログインID</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>Demo data: every staff member&apos;s password is &quot;%1&quot;.</source>
        <translation>デモデータ: どの職員もパスワードは「%1」です。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kyodo Desk</source>
        <translation>協働デスク</translation>
    </message>
    <message>
        <source>Opening the database...</source>
        <translation>データベースを開いています...</translation>
    </message>
    <message>
        <source>%1 (demo data)</source>
        <translation>%1（デモデータ）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Switch user...</source>
        <translation>ユーザーの切り替え(&amp;S)...</translation>
    </message>
    <message>
        <source>Change &amp;password...</source>
        <translation>パスワードの変更(&amp;P)...</translation>
    </message>
    <message>
        <source>&amp;Lock the screen</source>
        <translation>画面のロック(&amp;L)</translation>
    </message>
    <message>
        <source>E&amp;xchange data...</source>
        <translation>データの受け渡し(&amp;X)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>記録(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New consultation...</source>
        <translation>新しい相談(&amp;N)...</translation>
    </message>
    <message>
        <source>Yearly round of ① applications...</source>
        <translation>①の年度一括申請...</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Estimate a grant...</source>
        <translation>交付額の試算(&amp;E)...</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>監査ログ(&amp;A)</translation>
    </message>
    <message>
        <source>Today&apos;s &amp;follow-ups</source>
        <translation>今日のフォロー(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Conflicts...</source>
        <translation>競合の決定(&amp;C)...</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Kyodo Desk</source>
        <translation>協働デスクについて(&amp;A)</translation>
    </message>
    <message>
        <source>Office: %1 (%2)</source>
        <translation>事務所: %1（%2）</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>サーバー: %1</translation>
    </message>
    <message>
        <source>Officer: %1</source>
        <translation>職員: %1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>データベース: %1</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>パスワードを変更しました。</translation>
    </message>
    <message>
        <source>About Kyodo Desk</source>
        <translation>協働デスクについて</translation>
    </message>
    <message>
        <source>Kyodo Desk %1
The collaboration desk of Nerima ward&apos;s branch offices.</source>
        <translation>協働デスク %1
練馬区 区民事務所・出張所の協働の窓口のためのプログラムです。</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Consultations</source>
        <translation>相談記録</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Support cases</source>
        <translation>支援ケース</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>申請</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>帳票</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>集計</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>パスワードの変更</translation>
    </message>
    <message>
        <source>%1 (%2): the new password needs at least %3 characters.</source>
        <translation>%1（%2）: 新しいパスワードは%3文字以上にしてください。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>今のパスワード</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>新しいパスワード（確認）</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>The two new passwords differ. Type them again.</source>
        <translation>新しいパスワードが2回とも同じではありません。もう一度入力してください。</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Change a resident&apos;s record</source>
        <translation>相談者の情報の変更</translation>
    </message>
    <message>
        <source>New resident</source>
        <translation>相談者の新規登録</translation>
    </message>
    <message numerus="yes">
        <source>Only what the work needs is kept: the name to find the record again, and a phone number or address to contact the person about their consultation. The details are erased %n year(s) after the last contact.</source>
        <translation>
            <numerusform>業務に必要な情報だけを記録します。記録を探すための氏名と、相談について連絡するための電話番号または住所です。これらの情報は最後の接触から %n 年後に消去されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>In katakana (optional)</source>
        <translation>カタカナ（任意）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>郵便番号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Consent to share</source>
        <translation>情報共有への同意</translation>
    </message>
    <message>
        <source>With the person&apos;s consent, the ward&apos;s other departments may be told of their consultation so that they are not asked the same things again when referred. Without it, their details are not passed on. Ask the person, and tick only if they agree; they may withdraw it at any time.</source>
        <translation>本人が同意すれば、他の部署へつなぐときに同じことを何度も聞かれないよう、相談の内容を区の関係部署に伝えることがあります。同意がなければ、本人の情報は伝えません。本人に確かめ、同意した場合だけチェックしてください。同意はいつでも取り消せます。</translation>
    </message>
    <message>
        <source>The person agrees to their details being shared</source>
        <translation>本人が情報の共有に同意している</translation>
    </message>
    <message>
        <source>Agreed on (empty: today)</source>
        <translation>同意日（空欄: 今日）</translation>
    </message>
</context>
<context>
    <name>PrintMenu</name>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>Print consultation record</source>
        <translation>相談記録票を印刷</translation>
    </message>
    <message>
        <source>Save the consultation first: the saved record prints.</source>
        <translation>相談を保存すると印刷できます（印刷されるのは保存した記録です）。</translation>
    </message>
    <message>
        <source>Prints the consultation saved last from this form.</source>
        <translation>このフォームで最後に保存した相談を印刷します。</translation>
    </message>
    <message>
        <source>Prints the saved version: changes not saved yet are not on the paper. Save (Ctrl+S) first to print them.</source>
        <translation>保存済みの内容を印刷します。まだ保存していない変更は印刷されません。変更も印刷するには先に保存（Ctrl+S）してください。</translation>
    </message>
    <message>
        <source>Prints the consultation record as saved.</source>
        <translation>保存した相談記録を印刷します。</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Print preview: %1</source>
        <translation>印刷プレビュー：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) in all</source>
        <translation>
            <numerusform>全%nページ</numerusform>
        </translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>拡大</translation>
    </message>
    <message>
        <source>Fit to width</source>
        <translation>幅に合わせる</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>印刷...</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>PDFとして保存...</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>PDFとして保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDFファイル (*.pdf)</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>印刷プレビュー</translation>
    </message>
    <message>
        <source>No printer is set up on this computer. Save the form with &apos;Save as PDF...&apos; and print it from a computer with a printer, or ask the system staff to set one up.</source>
        <translation>このパソコンにはプリンターが設定されていません。「PDFとして保存...」で保存し、プリンターのあるパソコンから印刷するか、システム担当にプリンターの設定を依頼してください。</translation>
    </message>
    <message>
        <source>Printing on %1 could not start. Check that the printer is switched on, connected and has paper, then print again; or save the form with &apos;Save as PDF...&apos;. The preview stays open.</source>
        <translation>%1で印刷を始められませんでした。プリンターの電源・接続・用紙を確かめてからもう一度印刷するか、「PDFとして保存...」で保存してください。プレビューは開いたままです。</translation>
    </message>
    <message>
        <source>the printer</source>
        <translation>プリンター</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%nページをプリンターに送りました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>%1 に保存しました。</translation>
    </message>
    <message>
        <source>The PDF could not be saved: the folder %1 does not exist (it may have been removed, or a network drive or USB memory disconnected). Choose another folder and save again.</source>
        <translation>PDFを保存できませんでした。フォルダ「%1」がありません（削除されたか、ネットワークドライブやUSBメモリが外れた可能性があります）。別のフォルダを選んで、もう一度保存してください。</translation>
    </message>
    <message>
        <source>The PDF could not be saved in %1: writing there is not allowed, the drive is read-only, or a file of that name is open in another program. Close that file or choose another folder, and save again.</source>
        <translation>PDFを「%1」に保存できませんでした。書き込みが許可されていないか、読み取り専用のドライブか、同じ名前のファイルがほかのプログラムで開かれています。そのファイルを閉じるか別のフォルダを選んで、もう一度保存してください。</translation>
    </message>
    <message>
        <source>The PDF could not be saved: the drive of %1 is full. Free some space or choose another drive, and save again.</source>
        <translation>PDFを保存できませんでした。「%1」のドライブに空きがありません。空き容量を作るか別のドライブを選んで、もう一度保存してください。</translation>
    </message>
    <message>
        <source>The PDF could not be saved in %1 (%2). Choose another folder and save again.</source>
        <translation>PDFを「%1」に保存できませんでした（%2）。別のフォルダを選んで、もう一度保存してください。</translation>
    </message>
    <message>
        <source>The preview stays open: nothing is lost.</source>
        <translation>プレビューは開いたままです。帳票の内容は失われていません。</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Discard the changes</source>
        <translation>入力内容の破棄</translation>
    </message>
    <message>
        <source>What you typed has not been saved. Discard it and close?</source>
        <translation>入力した内容はまだ保存されていません。破棄して閉じますか？</translation>
    </message>
</context>
<context>
    <name>RefusalBox</name>
    <message>
        <source>Kyodo Desk</source>
        <translation>協働デスク</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Awards recorded at different offices that together break a programme&apos;s rule, found when their files were received. Nothing was deleted: check the records, act in the usual screens, then mark the entry checked with what was done.</source>
        <translation>別々の事務所で記録された交付決定が、合わせると補助事業の規則に反するものです（ファイルの受け取り時に見つかりました）。何も削除していません。記録を確かめ、いつもの画面で対応してから、対応した内容を書いて確認済みにしてください。</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>補助事業</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Offices</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Mark checked...</source>
        <translation>確認済みにする...</translation>
    </message>
    <message>
        <source>To be checked: %1</source>
        <translation>要確認: %1 件</translation>
    </message>
    <message>
        <source>Mark checked</source>
        <translation>確認済みにする</translation>
    </message>
    <message>
        <source>What was done (kept with the entry):</source>
        <translation>対応した内容（この項目とともに残ります）:</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Yearly round of ① applications</source>
        <translation>①の年度一括申請</translation>
    </message>
    <message>
        <source>Files ① for every active neighbourhood association, the amount from the households on record, at the office in charge of it.</source>
        <translation>活動中のすべての町会・自治会について、登録されている加入世帯数から算定した額で①自治活動推進協力費の交付申請を、担当の事務所の申請として登録します。</translation>
    </message>
    <message>
        <source>Open the applications</source>
        <translation>申請を登録する</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Opened: %1 applications, %2 in all</source>
        <translation>登録しました: %1件 合計 %2</translation>
    </message>
    <message>
        <source>To open: %1 applications, %2 in all</source>
        <translation>申請する件数: %1件 合計 %2</translation>
    </message>
    <message>
        <source>No household count on record (%1)</source>
        <translation>加入世帯数が登録されていない町会・自治会（%1件）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Left out (%1)</source>
        <translation>対象外（%1件）</translation>
    </message>
    <message>
        <source>%1 (%2): already applied, %3</source>
        <translation>%1（%2）: 申請済み（%3）</translation>
    </message>
    <message>
        <source>%1 (%2): refused by the rules: %3</source>
        <translation>%1（%2）: 規則により受け付けられません: %3</translation>
    </message>
</context>
<context>
    <name>RoundQuestion</name>
    <message>
        <source>Yearly round of ① applications</source>
        <translation>①の年度一括申請</translation>
    </message>
    <message>
        <source>Open %1 applications for %2, %3 in all?</source>
        <translation>%2を%1件（合計 %3）申請として登録します。よろしいですか。</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>(name to be confirmed)</source>
        <translation>（名称未確認）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Settings and reference data</source>
        <translation>設定・基本データ</translation>
    </message>
    <message>
        <source>Offices</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>職員</translation>
    </message>
    <message>
        <source>Login ID</source>
        <translation>ログインID</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>事務所</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>権限</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活動中</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>所管課</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>部門</translation>
    </message>
    <message>
        <source>Consultation topics</source>
        <translation>相談分類</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>受け渡し</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>First start of Kyodo Desk</source>
        <translation>協働デスクの初期設定</translation>
    </message>
    <message>
        <source>This is the first start of Kyodo Desk with this database. Choose the office this PC serves, and create the account of the head office&apos;s administrator, who will then add the staff.</source>
        <translation>このデータベースで協働デスクを初めて起動しました。このパソコンを使う事務所を選び、本庁の管理者のアカウントを作ってください。職員のアカウントは、その管理者が登録します。</translation>
    </message>
    <message>
        <source>e.g. kyodo-admin</source>
        <translation>例: kyodo-admin</translation>
    </message>
    <message>
        <source>This installation&apos;s office</source>
        <translation>この端末の事務所</translation>
    </message>
    <message>
        <source>Administrator&apos;s login ID</source>
        <translation>管理者のログインID</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>管理者の氏名</translation>
    </message>
    <message>
        <source>Name in katakana (optional)</source>
        <translation>氏名のカナ（任意）</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>パスワード（確認）</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>設定する</translation>
    </message>
    <message>
        <source>The two passwords differ. Type them again.</source>
        <translation>パスワードが2回とも同じではありません。もう一度入力してください。</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>Record a step</source>
        <translation>手続きの記録</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>手続き</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>e.g. 50,000</source>
        <translation>例: 50,000</translation>
    </message>
    <message>
        <source>Document No.</source>
        <translation>文書番号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Reload the application</source>
        <translation>申請を読み込み直す</translation>
    </message>
    <message>
        <source>The rules do not allow this:</source>
        <translation>規則により受け付けられません:</translation>
    </message>
    <message>
        <source>Why the ward decides otherwise, for whoever reads this later</source>
        <translation>区が規則と異なる決定をする理由を、後で読む人に分かるように書いてください</translation>
    </message>
    <message>
        <source>Reason for deciding against the rules</source>
        <translation>規則と異なる決定の理由</translation>
    </message>
    <message>
        <source>Decide against the rules</source>
        <translation>規則と異なる決定をする</translation>
    </message>
    <message>
        <source>Only the head office (Kyodo Suishin-ka) may decide against the rules: pass this application on to them.</source>
        <translation>規則と異なる決定は協働推進課だけができます。この申請を協働推進課に回してください。</translation>
    </message>
    <message>
        <source>The reason for the refusal: printed on the notice to the group</source>
        <translation>不採択の理由（不採択通知書に印刷されます）</translation>
    </message>
    <message>
        <source>What changes: printed on the notice to the group</source>
        <translation>変更の内容（変更交付決定通知書に印刷されます）</translation>
    </message>
    <message>
        <source>A note for the ward&apos;s staff (not printed on any form)</source>
        <translation>職員用のメモ（帳票には印刷されません）</translation>
    </message>
    <message>
        <source>The application was read again. Check the step and save again.</source>
        <translation>申請を読み込み直しました。手続きを確かめてから、もう一度保存してください。</translation>
    </message>
</context>
</TS>
