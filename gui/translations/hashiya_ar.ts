<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Double-click</source>
        <extracomment>Gestures that are not actions (mouse and selection keys), shown in F1 after the actions.</extracomment>
        <translation>نقر مزدوج</translation>
    </message>
    <message>
        <source>Select a word</source>
        <translation>تحديد كلمة</translation>
    </message>
    <message>
        <source>Shift+arrows</source>
        <translation>Shift+الأسهم</translation>
    </message>
    <message>
        <source>Extend the selection (snaps to whole words)</source>
        <translation>توسيع التحديد (يلتقط كلمات كاملة)</translation>
    </message>
    <message>
        <source>Alt+Shift+arrows</source>
        <translation>Alt+Shift+الأسهم</translation>
    </message>
    <message>
        <source>Extend the selection by exact characters (leave a clitic out)</source>
        <translation>توسيع التحديد حرفًا حرفًا (لإخراج سابقة متصلة)</translation>
    </message>
    <message>
        <source>Alt+drag</source>
        <translation>Alt+سحب</translation>
    </message>
    <message>
        <source>Select exact characters</source>
        <translation>تحديد أحرف بعينها</translation>
    </message>
    <message>
        <source>Enter / Shift+Enter</source>
        <translation>Enter / Shift+Enter</translation>
    </message>
    <message>
        <source>In the find field: next / previous match</source>
        <translation>في حقل البحث: النتيجة التالية / السابقة</translation>
    </message>
    <message>
        <source>{name}  {title} (keep the other label)</source>
        <translation>{name}  {title} (مع إبقاء الوسم الآخر)</translation>
    </message>
    <message>
        <source>key {key}</source>
        <translation>المفتاح {key}</translation>
    </message>
    <message>
        <source>Tag the selection as {name} ({title}) too, keeping its other label</source>
        <translation>وسم التحديد بـ {name} ({title}) أيضًا، مع إبقاء وسمه الآخر</translation>
    </message>
    <message>
        <source>Tag the selection as {name} ({title})</source>
        <translation>وسم التحديد بـ {name} ({title})</translation>
    </message>
    <message>
        <source>A sub-type of {parent}</source>
        <translation>نوع فرعي من {parent}</translation>
    </message>
    <message>
        <source>keypad</source>
        <translation>لوحة الأرقام</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Mouse and selection</source>
        <translation>الفأرة والتحديد</translation>
    </message>
    <message>
        <source>Linking events to their arguments</source>
        <translation>ربط الأحداث بأطرافها</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>الزوج</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Spans A</source>
        <translation>مقاطع أ</translation>
    </message>
    <message>
        <source>Spans B</source>
        <translation>مقاطع ب</translation>
    </message>
    <message>
        <source>Exact F1</source>
        <translation>F1 التطابق التام</translation>
    </message>
    <message>
        <source>Overlap F1</source>
        <translation>F1 التداخل</translation>
    </message>
    <message>
        <source>Kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <source>Links: event, argument and role the same; Exact F1 is the links&apos; F1</source>
        <translation>الروابط: الحدث والطرف والدور متطابقة؛ و«F1 التطابق التام» هو F1 الروابط</translation>
    </message>
    <message>
        <source>(none shared)</source>
        <translation>(لا وثائق مشتركة)</translation>
    </message>
    <message>
        <source>all</source>
        <extracomment>the documents an export takes, by status (&quot;all&quot;: every one)</extracomment>
        <translation>الكل</translation>
    </message>
    <message>
        <source>links</source>
        <translation>الروابط</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Has it</source>
        <translation>لديه</translation>
    </message>
    <message>
        <source>Lacks it</source>
        <translation>ليس لديه</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>End</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <source>Text</source>
        <extracomment>the order each column sorts by (columns without an order of their own keep id order)
----------
a row&apos;s place in the panel: frames (0) before the spans in none (1); each in reading order (by start, longer spans first); in a frame, the event (role -1) before its arguments, in the schema&apos;s order of roles, then in reading order the role an argument row fills in its frame (&quot;&quot; on an event&apos;s row and on spans in no frame)</extracomment>
        <translation>النص</translation>
    </message>
    <message>
        <source>Agreement between analysts</source>
        <translation>الاتفاق بين المحللين</translation>
    </message>
    <message>
        <source>Count the gold layer as an analyst</source>
        <translation>احتساب الطبقة الذهبية محللًا</translation>
    </message>
    <message>
        <source>Choose a cell to list the disagreements behind it</source>
        <translation>اختر خلية لعرض الاختلافات وراءها</translation>
    </message>
    <message>
        <source>Comparing the analysts…</source>
        <translation>جارٍ المقارنة بين المحللين…</translation>
    </message>
    <message>
        <source>Cannot compare the analysts</source>
        <translation>تعذّرت المقارنة بين المحللين</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <source>Nothing to compare: no document was annotated by two analysts (analysts found: {found}).</source>
        <translation>لا شيء للمقارنة: لم يعلّم محللان أي وثيقة (المحللون الموجودون: {found}).</translation>
    </message>
    <message numerus="yes">
        <source>%n analyst(s) ({names}); {documents} documents annotated by two or more, {tokens} tokens. Krippendorff&apos;s alpha {alpha} ({alphas}).</source>
        <translation>
            <numerusform>%n محلل ({names})؛ {documents} وثيقة علّمها محللان أو أكثر، {tokens} كلمة. ألفا كريبندورف {alpha} ({alphas}).</numerusform>
            <numerusform>محلل واحد ({names})؛ {documents} وثيقة علّمها محللان أو أكثر، {tokens} كلمة. ألفا كريبندورف {alpha} ({alphas}).</numerusform>
            <numerusform>محللان ({names})؛ {documents} وثيقة علّمها محللان أو أكثر، {tokens} كلمة. ألفا كريبندورف {alpha} ({alphas}).</numerusform>
            <numerusform>%n محللين ({names})؛ {documents} وثيقة علّمها محللان أو أكثر، {tokens} كلمة. ألفا كريبندورف {alpha} ({alphas}).</numerusform>
            <numerusform>%n محللًا ({names})؛ {documents} وثيقة علّمها محللان أو أكثر، {tokens} كلمة. ألفا كريبندورف {alpha} ({alphas}).</numerusform>
            <numerusform>%n محلل ({names})؛ {documents} وثيقة علّمها محللان أو أكثر، {tokens} كلمة. ألفا كريبندورف {alpha} ({alphas}).</numerusform>
        </translation>
    </message>
    <message>
        <source>exact</source>
        <translation>تطابق تام</translation>
    </message>
    <message>
        <source>overlap</source>
        <translation>تداخل</translation>
    </message>
    <message>
        <source>token</source>
        <translation>كلمات</translation>
    </message>
    <message>
        <source>all labels</source>
        <translation>كل الوسوم</translation>
    </message>
    <message>
        <source>{pair}, {what}: reading…</source>
        <translation>{pair}، {what}: جارٍ القراءة…</translation>
    </message>
    <message>
        <source> (the first {limit})</source>
        <translation> (أول {limit})</translation>
    </message>
    <message numerus="yes">
        <source>%n disagreement(s)</source>
        <translation>
            <numerusform>لا اختلافات</numerusform>
            <numerusform>اختلاف واحد</numerusform>
            <numerusform>اختلافان</numerusform>
            <numerusform>%n اختلافات</numerusform>
            <numerusform>%n اختلافًا</numerusform>
            <numerusform>%n اختلاف</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a name.</source>
        <extracomment>the database setting a merge reads to credit a file&apos;s spans (see model/merge.py) the QSettings key remembering the name on this computer</extracomment>
        <translation>اكتب اسمًا.</translation>
    </message>
    <message numerus="yes">
        <source>At most %n character(s).</source>
        <translation>
            <numerusform>%n حرف على الأكثر.</numerusform>
            <numerusform>حرف واحد على الأكثر.</numerusform>
            <numerusform>حرفان على الأكثر.</numerusform>
            <numerusform>%n أحرف على الأكثر.</numerusform>
            <numerusform>%n حرفًا على الأكثر.</numerusform>
            <numerusform>%n حرف على الأكثر.</numerusform>
        </translation>
    </message>
    <message>
        <source>A name cannot hold line breaks, tabs or other control characters.</source>
        <translation>لا يمكن أن يحوي الاسم فواصل أسطر أو علامات جدولة أو محارف تحكم أخرى.</translation>
    </message>
    <message>
        <source>Analyst name</source>
        <translation>اسم المحلل</translation>
    </message>
    <message>
        <source>Your spans, links and status changes are recorded under this name; a merge credits them to it.</source>
        <translation>تُسجَّل مقاطعك وروابطك وتغييرات الحالة باسمك هذا، والدمج ينسبها إليه.</translation>
    </message>
    <message>
        <source>You are asked once.</source>
        <translation>يُطلب منك ذلك مرة واحدة.</translation>
    </message>
    <message>
        <source>Changing it affects new edits only.</source>
        <translation>تغييره لا يمسّ إلا التعديلات الجديدة.</translation>
    </message>
    <message>
        <source>Cannot read the analyst&apos;s name: {why}</source>
        <translation>تعذّرت قراءة اسم المحلل: {why}</translation>
    </message>
    <message>
        <source>Working as {name} for now; you will be asked your name next time.</source>
        <translation>تعمل الآن باسم {name}، وسيُطلب اسمك في المرة القادمة.</translation>
    </message>
    <message>
        <source>Working as {name}, but the name could not be saved: {why}</source>
        <translation>تعمل باسم {name}، لكن تعذّر حفظ الاسم: {why}</translation>
    </message>
    <message>
        <source>Sample articles not added: {why}</source>
        <extracomment>windows built by a language switch: kept alive here (the window they replace is deleted)</extracomment>
        <translation>لم تُضف المقالات النموذجية: {why}</translation>
    </message>
    <message>
        <source>Hashiya</source>
        <translation>حاشية</translation>
    </message>
    <message>
        <source>Assign documents</source>
        <translation>إسناد الوثائق</translation>
    </message>
    <message>
        <source>Analysts</source>
        <translation>المحللون</translation>
    </message>
    <message>
        <source>The open document</source>
        <translation>الوثيقة المفتوحة</translation>
    </message>
    <message>
        <source>The documents the list shows</source>
        <translation>الوثائق المعروضة في القائمة</translation>
    </message>
    <message>
        <source>Documents assigned to no one</source>
        <translation>الوثائق غير المسندة إلى أحد</translation>
    </message>
    <message>
        <source>Two or three analysts on each document let their agreement be measured</source>
        <translation>محللان أو ثلاثة على كل وثيقة تتيح قياس اتفاقهم</translation>
    </message>
    <message>
        <source>Analysts per document</source>
        <translation>المحللون لكل وثيقة</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>إسناد</translation>
    </message>
    <message numerus="yes">
        <source>Assigned %n document(s): {added} new ({given}), {already} already assigned.</source>
        <translation>
            <numerusform>أُسندت %n وثيقة: {added} جديدة ({given})، و{already} مسندة من قبل.</numerusform>
            <numerusform>أُسندت وثيقة واحدة: {added} جديدة ({given})، و{already} مسندة من قبل.</numerusform>
            <numerusform>أُسندت وثيقتان: {added} جديدة ({given})، و{already} مسندة من قبل.</numerusform>
            <numerusform>أُسندت %n وثائق: {added} جديدة ({given})، و{already} مسندة من قبل.</numerusform>
            <numerusform>أُسندت %n وثيقة: {added} جديدة ({given})، و{already} مسندة من قبل.</numerusform>
            <numerusform>أُسندت %n وثيقة: {added} جديدة ({given})، و{already} مسندة من قبل.</numerusform>
        </translation>
    </message>
    <message>
        <source>new</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>done</source>
        <translation>منجزة</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>متخطاة</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <source> · reviewed</source>
        <translation> · رُوجعت</translation>
    </message>
    <message>
        <source>Search all documents…</source>
        <translation>البحث في كل الوثائق…</translation>
    </message>
    <message>
        <source>Show documents of one status, or those assigned to you and still open</source>
        <translation>عرض وثائق حالة واحدة، أو الوثائق المسندة إليك التي لم تُنجز بعد</translation>
    </message>
    <message>
        <source>my queue</source>
        <translation>قائمتي</translation>
    </message>
    <message>
        <source>Go to document</source>
        <translation>الانتقال إلى وثيقة</translation>
    </message>
    <message>
        <source>External id, or the start of a title:</source>
        <translation>المعرّف الخارجي، أو بداية العنوان:</translation>
    </message>
    <message>
        <source>No document is called {name}.</source>
        <translation>لا توجد وثيقة باسم {name}.</translation>
    </message>
    <message>
        <source>Every listed document is done or skipped.</source>
        <translation>كل الوثائق المعروضة منجزة أو متخطاة.</translation>
    </message>
    <message>
        <source>No documents</source>
        <translation>لا وثائق</translation>
    </message>
    <message>
        <source>{row} / {total}</source>
        <translation>{row} من {total}</translation>
    </message>
    <message>
        <source>not listed ({total} listed)</source>
        <translation>غير معروضة ({total} معروضة)</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>لا مقاطع</numerusform>
            <numerusform>مقطع واحد</numerusform>
            <numerusform>مقطعان</numerusform>
            <numerusform>%n مقاطع</numerusform>
            <numerusform>%n مقطعًا</numerusform>
            <numerusform>%n مقطع</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>وضع علامة «منجزة»</translation>
    </message>
    <message>
        <source>{title} has no spans. Mark it done anyway?</source>
        <translation>لا مقاطع في {title}. أتعدّها منجزة مع ذلك؟</translation>
    </message>
    <message>
        <source>Tag all as {label}</source>
        <translation>وسم الكل بـ {label}</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) already tagged {label}</source>
        <translation>
            <numerusform>%n نتيجة موسومة بـ {label} من قبل</numerusform>
            <numerusform>نتيجة واحدة موسومة بـ {label} من قبل</numerusform>
            <numerusform>نتيجتان موسومة بـ {label} من قبل</numerusform>
            <numerusform>%n نتائج موسومة بـ {label} من قبل</numerusform>
            <numerusform>%n نتيجة موسومة بـ {label} من قبل</numerusform>
            <numerusform>%n نتيجة موسومة بـ {label} من قبل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) tagged with another label (relabel those one by one)</source>
        <translation>
            <numerusform>%n نتيجة موسومة بوسم آخر (غيّر وسمها واحدة واحدة)</numerusform>
            <numerusform>نتيجة واحدة موسومة بوسم آخر (غيّر وسمها واحدة واحدة)</numerusform>
            <numerusform>نتيجتان موسومة بوسم آخر (غيّر وسمها واحدة واحدة)</numerusform>
            <numerusform>%n نتائج موسومة بوسم آخر (غيّر وسمها واحدة واحدة)</numerusform>
            <numerusform>%n نتيجة موسومة بوسم آخر (غيّر وسمها واحدة واحدة)</numerusform>
            <numerusform>%n نتيجة موسومة بوسم آخر (غيّر وسمها واحدة واحدة)</numerusform>
        </translation>
    </message>
    <message>
        <source>Left as they are: {notes}.</source>
        <translation>تُركت على حالها: {notes}.</translation>
    </message>
    <message numerus="yes">
        <source>Tag %n match(es) as {label}:</source>
        <translation>
            <numerusform>وسم %n نتيجة بـ {label}:</numerusform>
            <numerusform>وسم نتيجة واحدة بـ {label}:</numerusform>
            <numerusform>وسم نتيجتين بـ {label}:</numerusform>
            <numerusform>وسم %n نتائج بـ {label}:</numerusform>
            <numerusform>وسم %n نتيجة بـ {label}:</numerusform>
            <numerusform>وسم %n نتيجة بـ {label}:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %n</source>
        <translation>
            <numerusform>وسم %n</numerusform>
            <numerusform>وسم %n</numerusform>
            <numerusform>وسم %n</numerusform>
            <numerusform>وسم %n</numerusform>
            <numerusform>وسم %n</numerusform>
            <numerusform>وسم %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Find — ignores harakat, tatweel, أ/إ/آ, ى/ي, ة/ه</source>
        <translation>بحث — يتجاهل الحركات والتطويل و أ/إ/آ و ى/ي و ة/ه</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>الكلمات</translation>
    </message>
    <message>
        <source>What counts as a match</source>
        <translation>ما يُعدّ نتيجة</translation>
    </message>
    <message>
        <source>Whole words only</source>
        <translation>كلمات كاملة فقط</translation>
    </message>
    <message>
        <source>Also after و ف ب ل ك ال لل</source>
        <translation>وبعد و ف ب ل ك ال لل أيضًا</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>النتيجة السابقة (Shift+Enter، Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>النتيجة التالية (Enter، F3)</translation>
    </message>
    <message>
        <source>Tag all as</source>
        <translation>وسم الكل بـ</translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation>إغلاق (Escape)</translation>
    </message>
    <message>
        <source>no matches</source>
        <translation>لا نتائج</translation>
    </message>
    <message>
        <source>{n} of {total}</source>
        <translation>{n} من {total}</translation>
    </message>
    <message>
        <source>Every match of {text} is tagged already.</source>
        <translation>كل نتائج {text} موسومة من قبل.</translation>
    </message>
    <message>
        <source>Up / Down, PgUp / PgDn, Home / End</source>
        <extracomment>The link keys and gestures after the role keys (:func:`role_key_gesture`), for the F1 list: (keys, what they do), to be shown through tr().</extracomment>
        <translation>أعلى / أسفل، PgUp / PgDn، Home / End</translation>
    </message>
    <message>
        <source>In the link chooser: move between the candidates, nearest first</source>
        <translation>في قائمة الربط: التنقل بين الخيارات، الأقرب أولًا</translation>
    </message>
    <message>
        <source>Enter / click</source>
        <translation>Enter / نقر</translation>
    </message>
    <message>
        <source>In the link chooser: link the candidate (or click it in the text)</source>
        <translation>في قائمة الربط: ربط الخيار (أو انقره في النص)</translation>
    </message>
    <message>
        <source>Typing</source>
        <translation>الكتابة</translation>
    </message>
    <message>
        <source>In the link chooser: filter the candidates (harakat ignored)</source>
        <translation>في قائمة الربط: تصفية الخيارات (مع تجاهل الحركات)</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Escape</translation>
    </message>
    <message>
        <source>Close the link chooser without linking</source>
        <translation>إغلاق قائمة الربط دون ربط</translation>
    </message>
    <message>
        <source>Ctrl+drag</source>
        <translation>Ctrl+سحب</translation>
    </message>
    <message>
        <source>From a span to another span: link them in a role chosen from a menu</source>
        <translation>من مقطع إلى آخر: ربطهما بدور يُختار من قائمة</translation>
    </message>
    <message>
        <source>{keys} (a role&apos;s key)</source>
        <translation>{keys} (مفتاح الدور)</translation>
    </message>
    <message>
        <source>On an event: choose its {roles}; on an argument: choose the event it belongs to</source>
        <translation>على حدث: اختر {roles} له؛ على طرف: اختر الحدث الذي ينتمي إليه</translation>
    </message>
    <message>
        <source>span</source>
        <extracomment>the Latin letter on the key of each Arabic letter in the Arabic (101) layout, so that S, T and P work without switching the keyboard back to Latin</extracomment>
        <translation>مقطع</translation>
    </message>
    <message>
        <source>Put the caret on an event or an argument to link it in a role.</source>
        <translation>ضع المؤشر على حدث أو طرف لربطه بدور.</translation>
    </message>
    <message>
        <source>No {labels} in this article can be the {role} of {event}.</source>
        <translation>لا يوجد في هذا المقال {labels} يصلح أن يكون {role} لـ {event}.</translation>
    </message>
    <message>
        <source>{argument} is {label}; the {role} of an event is {wanted}.</source>
        <translation>{argument} وسمه {label}؛ أما دور {role} في الحدث فيأخذ {wanted}.</translation>
    </message>
    <message>
        <source>No event in this article for {argument} to be the {role} of.</source>
        <translation>لا حدث في هذا المقال يكون {argument} {role} له.</translation>
    </message>
    <message>
        <source>The {role} of {event}:</source>
        <translation>{role} {event}:</translation>
    </message>
    <message>
        <source>Which event is {argument} the {role} of?</source>
        <translation>{argument} هو {role} أيّ حدث؟</translation>
    </message>
    <message numerus="yes">
        <source>Filter: {query} — %n of {total}</source>
        <translation>
            <numerusform>التصفية: {query} — %n من {total}</numerusform>
            <numerusform>التصفية: {query} — %n من {total}</numerusform>
            <numerusform>التصفية: {query} — %n من {total}</numerusform>
            <numerusform>التصفية: {query} — %n من {total}</numerusform>
            <numerusform>التصفية: {query} — %n من {total}</numerusform>
            <numerusform>التصفية: {query} — %n من {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s), nearest first; type to filter</source>
        <translation>
            <numerusform>لا خيارات، الأقرب أولًا؛ اكتب للتصفية</numerusform>
            <numerusform>خيار واحد، الأقرب أولًا؛ اكتب للتصفية</numerusform>
            <numerusform>خياران، الأقرب أولًا؛ اكتب للتصفية</numerusform>
            <numerusform>%n خيارات، الأقرب أولًا؛ اكتب للتصفية</numerusform>
            <numerusform>%n خيارًا، الأقرب أولًا؛ اكتب للتصفية</numerusform>
            <numerusform>%n خيار، الأقرب أولًا؛ اكتب للتصفية</numerusform>
        </translation>
    </message>
    <message>
        <source>{candidate} (linked already)</source>
        <translation>{candidate} (مربوط من قبل)</translation>
    </message>
    <message>
        <source>No candidate matches the filter: Backspace, or Escape to close.</source>
        <translation>لا خيار يطابق التصفية: Backspace، أو Escape للإغلاق.</translation>
    </message>
    <message>
        <source>{argument} is the {role} of {event} already.</source>
        <translation>{argument} هو {role} {event} من قبل.</translation>
    </message>
    <message>
        <source>Drop on another span to link the two.</source>
        <translation>أفلِته على مقطع آخر لربط الاثنين.</translation>
    </message>
    <message>
        <source>{first} and {second} are both events: link an event to an actor or place.</source>
        <translation>{first} و{second} كلاهما حدث: اربط حدثًا بفاعل أو مكان.</translation>
    </message>
    <message>
        <source>Neither {first} nor {second} is an event: link an event to an actor or place.</source>
        <translation>لا {first} ولا {second} حدث: اربط حدثًا بفاعل أو مكان.</translation>
    </message>
    <message>
        <source>No role of an event takes {argument} ({label}).</source>
        <translation>لا دور من أدوار الحدث يقبل {argument} ({label}).</translation>
    </message>
    <message>
        <source>Link {argument} to {event} as:</source>
        <translation>ربط {argument} بـ {event} بصفته:</translation>
    </message>
    <message>
        <source>{role} (linked already)</source>
        <translation>{role} (مربوط من قبل)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>the menus, in order (the registry&apos;s groups are named by these English words)</extracomment>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>&amp;وثيقة</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;مساعدة</translation>
    </message>
    <message>
        <source>Articles and annotations ({patterns});;All files (*)</source>
        <translation>المقالات والتعليقات ({patterns});;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Hashiya حاشية</source>
        <translation>حاشية Hashiya</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>&amp;استيراد ملفات…</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>استيراد م&amp;جلد…</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;دمج…</translation>
    </message>
    <message>
        <source>Merge analysts&apos; databases into this one</source>
        <translation>دمج قواعد بيانات المحللين في هذه القاعدة</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <source>&amp;Analyst name…</source>
        <translation>اسم ال&amp;محلل…</translation>
    </message>
    <message>
        <source>The name your new spans, links and status changes are recorded under</source>
        <translation>الاسم الذي تُسجَّل به مقاطعك وروابطك وتغييرات الحالة الجديدة</translation>
    </message>
    <message>
        <source>On a team database you work as your login</source>
        <translation>في قاعدة بيانات الفريق تعمل باسم دخولك</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>إ&amp;نهاء</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Undo the last edit, wherever the focus is</source>
        <translation>التراجع عن آخر تعديل أينما كان التركيز</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>Redo the edit last undone</source>
        <translation>إعادة آخر تعديل تُراجع عنه</translation>
    </message>
    <message>
        <source>&amp;Delete span at caret</source>
        <translation>&amp;حذف المقطع عند المؤشر</translation>
    </message>
    <message>
        <source>&amp;Note on span…</source>
        <translation>م&amp;لاحظة على المقطع…</translation>
    </message>
    <message>
        <source>Write a note on the span at the caret</source>
        <translation>كتابة ملاحظة على المقطع عند المؤشر</translation>
    </message>
    <message>
        <source>&amp;Find in article…</source>
        <translation>ب&amp;حث في المقال…</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>النتيجة ال&amp;تالية</translation>
    </message>
    <message>
        <source>Find &amp;previous</source>
        <translation>النتيجة ال&amp;سابقة</translation>
    </message>
    <message>
        <source>&amp;Search all documents</source>
        <translation>البحث في &amp;كل الوثائق</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>إ&amp;عادة الحجم</translation>
    </message>
    <message>
        <source>&amp;Snap selection to whole words</source>
        <translation>التقاط التحديد &amp;كلمات كاملة</translation>
    </message>
    <message>
        <source>Off, or Alt while selecting: exact characters, e.g. موسكو in بموسكو</source>
        <translation>عند إيقافه، أو مع Alt أثناء التحديد: أحرف بعينها، مثل موسكو في بموسكو</translation>
    </message>
    <message>
        <source>&amp;Other analysts&apos; spans</source>
        <translation>مقاطع المحللين ال&amp;آخرين</translation>
    </message>
    <message>
        <source>Show other analysts&apos; spans (outlined captions; hover for the name), or hide them</source>
        <translation>إظهار مقاطع المحللين الآخرين (تسميات مؤطرة؛ مرّر المؤشر لرؤية الاسم)، أو إخفاؤها</translation>
    </message>
    <message>
        <source>&amp;Links in the text</source>
        <translation>ال&amp;روابط في النص</translation>
    </message>
    <message>
        <source>Draw each event&apos;s links to its arguments as arcs over the text, with their roles</source>
        <translation>رسم روابط كل حدث بأطرافه أقواسًا فوق النص، مع أدوارها</translation>
    </message>
    <message>
        <source>S&amp;tatistics…</source>
        <translation>إ&amp;حصاءات…</translation>
    </message>
    <message>
        <source>The corpus in charts</source>
        <translation>المدوّنة في رسوم بيانية</translation>
    </message>
    <message>
        <source>Corpus &amp;overview…</source>
        <translation>&amp;نظرة عامة على المدوّنة…</translation>
    </message>
    <message>
        <source>Every span of a label, corpus-wide</source>
        <translation>كل مقاطع وسم ما في المدوّنة كلها</translation>
    </message>
    <message>
        <source>&amp;Notes…</source>
        <translation>ال&amp;ملاحظات…</translation>
    </message>
    <message>
        <source>Every note on documents and spans, searchable</source>
        <translation>كل الملاحظات على الوثائق والمقاطع، مع البحث فيها</translation>
    </message>
    <message>
        <source>Each label&apos;s and role&apos;s guideline, beside the article</source>
        <translation>إرشادات كل وسم وكل دور، بجانب المقال</translation>
    </message>
    <message>
        <source>Mark &amp;done and next</source>
        <translation>وضع علامة «&amp;منجزة» والتالية</translation>
    </message>
    <message>
        <source>Mark &amp;skipped and next</source>
        <translation>وضع علامة «م&amp;تخطاة» والتالية</translation>
    </message>
    <message>
        <source>&amp;Reopen (in progress)</source>
        <translation>إعادة &amp;فتحها (قيد العمل)</translation>
    </message>
    <message>
        <source>&amp;Next document</source>
        <translation>الوثيقة ال&amp;تالية</translation>
    </message>
    <message>
        <source>&amp;Previous document</source>
        <translation>الوثيقة ال&amp;سابقة</translation>
    </message>
    <message>
        <source>&amp;First document</source>
        <translation>الوثيقة الأ&amp;ولى</translation>
    </message>
    <message>
        <source>&amp;Last document</source>
        <translation>الوثيقة الأ&amp;خيرة</translation>
    </message>
    <message>
        <source>N&amp;ote on document…</source>
        <translation>م&amp;لاحظة على الوثيقة…</translation>
    </message>
    <message>
        <source>Write a note on the open document</source>
        <translation>كتابة ملاحظة على الوثيقة المفتوحة</translation>
    </message>
    <message>
        <source>&amp;Go to document…</source>
        <translation>الا&amp;نتقال إلى وثيقة…</translation>
    </message>
    <message>
        <source>Open a document by its id or the start of its title</source>
        <translation>فتح وثيقة بمعرّفها أو ببداية عنوانها</translation>
    </message>
    <message>
        <source>&amp;Assign documents…</source>
        <translation>إ&amp;سناد الوثائق…</translation>
    </message>
    <message>
        <source>Hand documents out to analysts, round-robin, one or more on each</source>
        <translation>توزيع الوثائق على المحللين بالتناوب، واحد أو أكثر على كل وثيقة</translation>
    </message>
    <message>
        <source>Agr&amp;eement between analysts…</source>
        <translation>الا&amp;تفاق بين المحللين…</translation>
    </message>
    <message>
        <source>Each pair&apos;s F1 and kappa, alpha across all, and the disagreements behind them</source>
        <translation>F1 وكابا لكل زوج، وألفا للجميع، والاختلافات وراءها</translation>
    </message>
    <message>
        <source>&amp;Schema…</source>
        <translation>م&amp;خطط الوسوم…</translation>
    </message>
    <message>
        <source>The labels (keys, colours, sub-types, guidelines) and the roles, edited in place</source>
        <translation>الوسوم (المفاتيح والألوان والأنواع الفرعية والإرشادات) والأدوار، تُحرَّر في موضعها</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>&amp;Tag selection as</source>
        <translation>&amp;وسم التحديد بـ</translation>
    </message>
    <message>
        <source>&amp;Add a second label</source>
        <translation>إ&amp;ضافة وسم ثانٍ</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>لغة ال&amp;نظام</translation>
    </message>
    <message>
        <source>Arabic when the system&apos;s language is Arabic, else English</source>
        <translation>العربية إن كانت لغة النظام العربية، وإلا فالإنجليزية</translation>
    </message>
    <message>
        <source>The language changes at the next start: edits are waiting to be saved.</source>
        <translation>تتغير اللغة عند التشغيل القادم: ثمة تعديلات تنتظر الحفظ.</translation>
    </message>
    <message>
        <source>The language changes at the next start: an import or export is running.</source>
        <translation>تتغير اللغة عند التشغيل القادم: يجري استيراد أو تصدير.</translation>
    </message>
    <message>
        <source>Undo {what}</source>
        <translation>تراجع عن {what}</translation>
    </message>
    <message>
        <source>Redo {what}</source>
        <translation>إعادة {what}</translation>
    </message>
    <message>
        <source>Cannot read the assignments: {error}</source>
        <translation>تعذّرت قراءة الإسنادات: {error}</translation>
    </message>
    <message>
        <source>{title} — Hashiya حاشية</source>
        <translation>{title} — حاشية</translation>
    </message>
    <message>
        <source>Working as: {name}</source>
        <translation>تعمل باسم: {name}</translation>
    </message>
    <message>
        <source>Your team login</source>
        <translation>اسم دخولك في الفريق</translation>
    </message>
    <message>
        <source>File → Analyst name… changes it</source>
        <translation>يغيّره: ملف ← اسم المحلل…</translation>
    </message>
    <message>
        <source>No span at the caret.</source>
        <translation>لا مقطع عند المؤشر.</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>لك</translation>
    </message>
    <message>
        <source>by {name}</source>
        <translation>بقلم {name}</translation>
    </message>
    <message>
        <source>an unnamed analyst</source>
        <translation>محلل غير مسمى</translation>
    </message>
    <message>
        <source>Change to {name}  {title}</source>
        <translation>غيّر إلى {name}  {title}</translation>
    </message>
    <message>
        <source>Delete span</source>
        <translation>احذف المقطع</translation>
    </message>
    <message>
        <source>Tag as</source>
        <translation>وسم بـ</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <source>Add argument</source>
        <translation>أضف عنصرًا</translation>
    </message>
    <message>
        <source>Link to event</source>
        <translation>اربط بحدث</translation>
    </message>
    <message numerus="yes">
        <source>Farther (%n)</source>
        <translation>
            <numerusform>أبعد (%n)</numerusform>
            <numerusform>أبعد (%n)</numerusform>
            <numerusform>أبعد (%n)</numerusform>
            <numerusform>أبعد (%n)</numerusform>
            <numerusform>أبعد (%n)</numerusform>
            <numerusform>أبعد (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>as {role}</source>
        <translation>بدور {role}</translation>
    </message>
    <message>
        <source>Unlink {role}: {text}</source>
        <translation>فك ربط {role}: {text}</translation>
    </message>
    <message>
        <source>Note on {label} {text}:</source>
        <translation>ملاحظة على {label} {text}:</translation>
    </message>
    <message>
        <source>No document is open.</source>
        <translation>لا وثيقة مفتوحة.</translation>
    </message>
    <message>
        <source>Note on {title}:</source>
        <translation>ملاحظة على {title}:</translation>
    </message>
    <message>
        <source>On a team database you work as your login.</source>
        <translation>في قاعدة بيانات الفريق تعمل باسم دخولك.</translation>
    </message>
    <message>
        <source>The name was not changed: {why}</source>
        <translation>لم يتغير الاسم: {why}</translation>
    </message>
    <message>
        <source>New edits are recorded as {name}.</source>
        <translation>تُسجَّل التعديلات الجديدة باسم {name}.</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) match.</source>
        <translation>
            <numerusform>تطابق لا وثيقة تطابق..</numerusform>
            <numerusform>تطابق وثيقة واحدة.</numerusform>
            <numerusform>تطابق وثيقتان.</numerusform>
            <numerusform>تطابق %n وثائق.</numerusform>
            <numerusform>تطابق %n وثيقة.</numerusform>
            <numerusform>تطابق %n وثيقة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More than %n documents match.</source>
        <translation>
            <numerusform>تطابق أكثر من %n وثيقة.</numerusform>
            <numerusform>تطابق أكثر من %n وثيقة.</numerusform>
            <numerusform>تطابق أكثر من %n وثيقة.</numerusform>
            <numerusform>تطابق أكثر من %n وثيقة.</numerusform>
            <numerusform>تطابق أكثر من %n وثيقة.</numerusform>
            <numerusform>تطابق أكثر من %n وثيقة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import articles and annotations</source>
        <translation>استيراد مقالات وتعليقات</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>استيراد مجلد</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>قاعدة البيانات</translation>
    </message>
    <message>
        <source>Something went wrong: {why}</source>
        <translation>حدث خطأ: {why}</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Empty: no note</source>
        <translation>فارغة: لا ملاحظة</translation>
    </message>
    <message>
        <source>Normalised</source>
        <extracomment>computes a sorted order (the window runs it in a worker); by default here and now</extracomment>
        <translation>المُوحَّد</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>السياق</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>المحلل</translation>
    </message>
    <message>
        <source>What</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <source>Notes — Hashiya حاشية</source>
        <translation>الملاحظات — حاشية</translation>
    </message>
    <message>
        <source>Search the notes… (ignores harakat, letter forms and case)</source>
        <translation>ابحث في الملاحظات… (دون اعتبار للحركات وصور الحروف وحالة الأحرف)</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>لا ملاحظات</numerusform>
            <numerusform>ملاحظة واحدة</numerusform>
            <numerusform>ملاحظتان</numerusform>
            <numerusform>%n ملاحظات</numerusform>
            <numerusform>%n ملاحظةً</numerusform>
            <numerusform>%n ملاحظة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More than %n note(s)</source>
        <translation>
            <numerusform>أكثر من %n ملاحظة</numerusform>
            <numerusform>أكثر من %n ملاحظة</numerusform>
            <numerusform>أكثر من %n ملاحظة</numerusform>
            <numerusform>أكثر من %n ملاحظة</numerusform>
            <numerusform>أكثر من %n ملاحظة</numerusform>
            <numerusform>أكثر من %n ملاحظة</numerusform>
        </translation>
    </message>
    <message>
        <source> holding {text}</source>
        <translation> تحوي {text}</translation>
    </message>
    <message>
        <source>Spellings</source>
        <translation>الصيغ الإملائية</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>other labels</source>
        <translation>وسوم أخرى</translation>
    </message>
    <message>
        <source>untagged</source>
        <translation>غير موسوم</translation>
    </message>
    <message numerus="yes">
        <source>tagged in %n document(s); no span in {untagged} of the first {read} containing it</source>
        <translation>
            <numerusform>موسوم في %n وثيقة؛ ولا مقطع له في {untagged} من أول {read} وثيقة تحويه</numerusform>
            <numerusform>موسوم في وثيقة واحدة؛ ولا مقطع له في {untagged} من أول {read} وثيقة تحويه</numerusform>
            <numerusform>موسوم في وثيقتان؛ ولا مقطع له في {untagged} من أول {read} وثيقة تحويه</numerusform>
            <numerusform>موسوم في %n وثائق؛ ولا مقطع له في {untagged} من أول {read} وثيقة تحويه</numerusform>
            <numerusform>موسوم في %n وثيقة؛ ولا مقطع له في {untagged} من أول {read} وثيقة تحويه</numerusform>
            <numerusform>موسوم في %n وثيقة؛ ولا مقطع له في {untagged} من أول {read} وثيقة تحويه</numerusform>
        </translation>
    </message>
    <message>
        <source>Corpus overview — Hashiya حاشية</source>
        <translation>نظرة عامة على المدوّنة — حاشية</translation>
    </message>
    <message>
        <source>Spans containing… (ignores harakat and letter forms)</source>
        <translation>مقاطع تحوي… (يتجاهل الحركات وصور الحروف)</translation>
    </message>
    <message>
        <source>Relabel as</source>
        <translation>تغيير الوسم إلى</translation>
    </message>
    <message>
        <source>Label the selected spans (or all spans of the selected groups)</source>
        <translation>وسم المقاطع المحددة (أو كل مقاطع المجموعات المحددة)</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>حذف المحدد</translation>
    </message>
    <message>
        <source>Delete the selected spans (or every span of the selected groups)</source>
        <translation>حذف المقاطع المحددة (أو كل مقاطع المجموعات المحددة)</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>الوسم:</translation>
    </message>
    <message>
        <source>Grouped by normalised text</source>
        <translation>مجمّعة حسب النص المُوحَّد</translation>
    </message>
    <message>
        <source>Inconsistencies</source>
        <translation>التناقضات</translation>
    </message>
    <message numerus="yes">
        <source>{count} {label} span(s)</source>
        <translation>
            <numerusform>{count} مقطع {label}</numerusform>
            <numerusform>مقطع {label} واحد</numerusform>
            <numerusform>مقطعا {label}</numerusform>
            <numerusform>{count} مقاطع {label}</numerusform>
            <numerusform>{count} مقطع {label}</numerusform>
            <numerusform>{count} مقطع {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More than {count} {label} spans</source>
        <translation>
            <numerusform>أكثر من {count} مقطع {label}</numerusform>
            <numerusform>أكثر من {count} مقطع {label}</numerusform>
            <numerusform>أكثر من {count} مقطع {label}</numerusform>
            <numerusform>أكثر من {count} مقطع {label}</numerusform>
            <numerusform>أكثر من {count} مقطع {label}</numerusform>
            <numerusform>أكثر من {count} مقطع {label}</numerusform>
        </translation>
    </message>
    <message>
        <source> containing {text}</source>
        <translation> تحوي {text}</translation>
    </message>
    <message>
        <source>Could not sort the spans: {why}</source>
        <translation>تعذّر ترتيب المقاطع: {why}</translation>
    </message>
    <message>
        <source>Sorting {label} spans</source>
        <translation>ترتيب مقاطع {label}</translation>
    </message>
    <message>
        <source>Could not group the spans: {why}</source>
        <translation>تعذّر تجميع المقاطع: {why}</translation>
    </message>
    <message>
        <source>Grouping {label} spans</source>
        <translation>تجميع مقاطع {label}</translation>
    </message>
    <message>
        <source>That span is gone: {why}</source>
        <translation>لم يعد هذا المقطع موجودًا: {why}</translation>
    </message>
    <message numerus="yes">
        <source>Left out %n span(s) of other analysts.</source>
        <translation>
            <numerusform>استُثني %n مقطع لمحللين آخرين.</numerusform>
            <numerusform>استُثني مقطع واحد لمحللين آخرين.</numerusform>
            <numerusform>استُثني مقطعان لمحللين آخرين.</numerusform>
            <numerusform>استُثني %n مقاطع لمحللين آخرين.</numerusform>
            <numerusform>استُثني %n مقطعًا لمحللين آخرين.</numerusform>
            <numerusform>استُثني %n مقطع لمحللين آخرين.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the spans (or groups) to relabel first.</source>
        <translation>حدّد أولًا المقاطع (أو المجموعات) التي تريد تغيير وسمها.</translation>
    </message>
    <message>
        <source>Select the spans (or groups) to delete first.</source>
        <translation>حدّد أولًا المقاطع (أو المجموعات) التي تريد حذفها.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>{cannot}: {why}</source>
        <translation>{cannot}: {why}</translation>
    </message>
    <message>
        <source>&amp;Review (adjudicate into gold)</source>
        <translation>م&amp;راجعة (الفصل إلى الطبقة الذهبية)</translation>
    </message>
    <message>
        <source>Review mode: every analyst&apos;s spans in lanes, differences marked; edits write gold</source>
        <translation>وضع المراجعة: مقاطع كل محلل في مسار، والاختلافات مُعلَّمة؛ والتعديلات تُكتب في الطبقة الذهبية</translation>
    </message>
    <message>
        <source>&amp;Accept into gold</source>
        <translation>&amp;قبول في الطبقة الذهبية</translation>
    </message>
    <message>
        <source>Review: accept the item at the caret (or the current difference) into gold</source>
        <translation>المراجعة: قبول العنصر عند المؤشر (أو الاختلاف الحالي) في الطبقة الذهبية</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>&amp;رفض</translation>
    </message>
    <message>
        <source>Review: reject the item at the caret (or the current difference)</source>
        <translation>المراجعة: رفض العنصر عند المؤشر (أو الاختلاف الحالي)</translation>
    </message>
    <message>
        <source>Next &amp;difference</source>
        <translation>الا&amp;ختلاف التالي</translation>
    </message>
    <message>
        <source>Review: go to the next open difference</source>
        <translation>المراجعة: الانتقال إلى الاختلاف المفتوح التالي</translation>
    </message>
    <message>
        <source>Previous difference</source>
        <translation>الاختلاف السابق</translation>
    </message>
    <message>
        <source>Review: go to the previous open difference</source>
        <translation>المراجعة: الانتقال إلى الاختلاف المفتوح السابق</translation>
    </message>
    <message>
        <source>Accept all a&amp;greed</source>
        <translation>قبول كل المتفق &amp;عليه</translation>
    </message>
    <message>
        <source>Review: accept every item all analysts agree on, in one step</source>
        <translation>المراجعة: قبول كل عنصر يتفق عليه جميع المحللين، في خطوة واحدة</translation>
    </message>
    <message>
        <source>&amp;Mark reviewed</source>
        <translation>وضع علامة «&amp;رُوجعت»</translation>
    </message>
    <message>
        <source>Review: mark this document reviewed (the document list shows it)</source>
        <translation>المراجعة: وضع علامة «رُوجعت» على هذه الوثيقة (تظهر في قائمة الوثائق)</translation>
    </message>
    <message numerus="yes">
        <source>Review: %n difference(s) left</source>
        <translation>
            <numerusform>المراجعة: بقي %n اختلاف</numerusform>
            <numerusform>المراجعة: بقي اختلاف واحد</numerusform>
            <numerusform>المراجعة: بقي اختلافان</numerusform>
            <numerusform>المراجعة: بقي %n اختلافات</numerusform>
            <numerusform>المراجعة: بقي %n اختلافًا</numerusform>
            <numerusform>المراجعة: بقي %n اختلاف</numerusform>
        </translation>
    </message>
    <message>
        <source>Review: no differences left</source>
        <translation>المراجعة: لم يبق أي اختلاف</translation>
    </message>
    <message numerus="yes">
        <source>%n analyst(s)</source>
        <translation>
            <numerusform>لا محللين</numerusform>
            <numerusform>محلل واحد</numerusform>
            <numerusform>محللان</numerusform>
            <numerusform>%n محللين</numerusform>
            <numerusform>%n محللًا</numerusform>
            <numerusform>%n محلل</numerusform>
        </translation>
    </message>
    <message>
        <source> · read only</source>
        <translation> · للقراءة فقط</translation>
    </message>
    <message>
        <source>No item at the caret: press N to go to the next difference.</source>
        <translation>لا عنصر عند المؤشر: اضغط N للانتقال إلى الاختلاف التالي.</translation>
    </message>
    <message>
        <source>{item} is in gold already.</source>
        <translation>{item} في الطبقة الذهبية من قبل.</translation>
    </message>
    <message>
        <source>{item} is rejected already.</source>
        <translation>{item} مرفوض من قبل.</translation>
    </message>
    <message>
        <source>{item} is in gold: delete the gold span (Delete) to take it out.</source>
        <translation>{item} في الطبقة الذهبية: احذف المقطع الذهبي (Delete) لإخراجه.</translation>
    </message>
    <message>
        <source>Marked reviewed. Ctrl+R leaves review mode.</source>
        <translation>وُضعت علامة «رُوجعت». ‏Ctrl+R يُنهي وضع المراجعة.</translation>
    </message>
    <message>
        <source>No differences left.</source>
        <translation>لم يبق أي اختلاف.</translation>
    </message>
    <message>
        <source> (from the top)</source>
        <translation> (من البداية)</translation>
    </message>
    <message>
        <source> (from the end)</source>
        <translation> (من النهاية)</translation>
    </message>
    <message>
        <source>{item} — by {analysts}; {left} left{where}</source>
        <translation>{item} — من {analysts}؛ بقي {left}{where}</translation>
    </message>
    <message>
        <source>an {label}</source>
        <translation>{label}</translation>
    </message>
    <message>
        <source>a {label}</source>
        <translation>{label}</translation>
    </message>
    <message>
        <source>Only a lead may change the labels and roles of this team database.</source>
        <translation>لا يغيّر وسوم قاعدة بيانات الفريق هذه وأدوارها إلا قائد الفريق.</translation>
    </message>
    <message>
        <source>You can look at the review, but you cannot accept or reject: on this team database only reviewers and leads write the gold layer.</source>
        <translation>يمكنك الاطلاع على المراجعة، لكن لا يمكنك القبول أو الرفض: في قاعدة بيانات هذا الفريق لا يكتب الطبقة الذهبية إلا المراجعون والمشرفون.</translation>
    </message>
    <message>
        <source>Could not redo {edit}: {why}</source>
        <translation>تعذّرت إعادة {edit}: {why}</translation>
    </message>
    <message>
        <source>Could not undo {edit}: {why}. Nothing changed.</source>
        <translation>تعذّر التراجع عن {edit}: {why}. لم يتغير شيء.</translation>
    </message>
    <message>
        <source>Cannot open the document: {why}</source>
        <extracomment>on SQLite, spans with no annotator (imported without one) are the analyst&apos;s to edit; on a team database the server lets each analyst edit only their own</extracomment>
        <translation>تعذّر فتح الوثيقة: {why}</translation>
    </message>
    <message>
        <source>Saved: the database took the waiting edits.</source>
        <translation>حُفظ: استقبلت قاعدة البيانات التعديلات المنتظرة.</translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n unsaved edit(s).</source>
        <translation>
            <numerusform>لم يُتجاهل أي تعديل غير محفوظ.</numerusform>
            <numerusform>تُجوهل تعديل واحد غير محفوظ.</numerusform>
            <numerusform>تُجوهل تعديلان غير محفوظين.</numerusform>
            <numerusform>تُجوهلت %n تعديلات غير محفوظة.</numerusform>
            <numerusform>تُجوهل %n تعديلًا غير محفوظ.</numerusform>
            <numerusform>تُجوهل %n تعديل غير محفوظ.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: {edit}. {why}</source>
        <translation>لم يُحفظ: {edit}. {why}</translation>
    </message>
    <message>
        <source>Saved, but the view could not be updated: {why}</source>
        <translation>حُفظ، لكن تعذّر تحديث العرض: {why}</translation>
    </message>
    <message>
        <source>Saved, but the view could not be updated: {error}</source>
        <translation>حُفظ، لكن تعذّر تحديث العرض: {error}</translation>
    </message>
    <message>
        <source>Select some text first, then press a label key.</source>
        <translation>حدّد نصًا أولًا، ثم اضغط مفتاح وسم.</translation>
    </message>
    <message>
        <source>{text} is already {label}.</source>
        <translation>{text} موسوم بالفعل {label}.</translation>
    </message>
    <message>
        <source>Nothing new to tag as {label}.</source>
        <translation>لا جديد للوسم بـ {label}.</translation>
    </message>
    <message numerus="yes">
        <source>{text} starts %n link(s): unlink them first, or they would start at {label}.</source>
        <translation>
            <numerusform>لا يبدأ من {text} أي رابط.</numerusform>
            <numerusform>يبدأ من {text} رابط واحد: فك ربطه أولًا، وإلا صار يبدأ من {label}.</numerusform>
            <numerusform>يبدأ من {text} رابطان: فك ربطهما أولًا، وإلا صارا يبدآن من {label}.</numerusform>
            <numerusform>يبدأ من {text} %n روابط: فك ربطها أولًا، وإلا صارت تبدأ من {label}.</numerusform>
            <numerusform>يبدأ من {text} %n رابطًا: فك ربطها أولًا، وإلا صارت تبدأ من {label}.</numerusform>
            <numerusform>يبدأ من {text} %n رابط: فك ربطها أولًا، وإلا صارت تبدأ من {label}.</numerusform>
        </translation>
    </message>
    <message>
        <source>{text} is the {role} of {event}: unlink it first; {label} cannot be that.</source>
        <translation>{text} في دور {role} للحدث {event}: فك الربط أولًا؛ فلا يصلح {label} لهذا الدور.</translation>
    </message>
    <message>
        <source> or </source>
        <translation> أو </translation>
    </message>
    <message>
        <source>Nothing to accept.</source>
        <translation>لا شيء للقبول.</translation>
    </message>
    <message>
        <source>Nothing to reject.</source>
        <translation>لا شيء للرفض.</translation>
    </message>
    <message>
        <source>Every agreed item is in gold already.</source>
        <translation>كل العناصر المتفق عليها في الطبقة الذهبية بالفعل.</translation>
    </message>
    <message>
        <source>Save…</source>
        <extracomment>one colour per analyst&apos;s line (tab10 without the label colours&apos; first three)</extracomment>
        <translation>حفظ…</translation>
    </message>
    <message>
        <source>Save this chart as a PNG image or an SVG drawing</source>
        <translation>حفظ هذا الرسم صورة PNG أو رسمًا SVG</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>صورة PNG ‏(*.png);;رسم SVG ‏(*.svg)</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>حفظ الرسم</translation>
    </message>
    <message>
        <source>Cannot save {path}: {why}</source>
        <translation>تعذّر حفظ {path}: {why}</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <extracomment>names drawn per label (the numbers hold more): each keeps room for its Arabic text</extracomment>
        <translation>&amp;تحديث</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>إحصاءات</translation>
    </message>
    <message>
        <source>Documents by status</source>
        <translation>الوثائق حسب الحالة</translation>
    </message>
    <message>
        <source>Spans per label</source>
        <translation>المقاطع لكل وسم</translation>
    </message>
    <message>
        <source>Documents per analyst (done)</source>
        <translation>الوثائق لكل محلل (المنجزة)</translation>
    </message>
    <message>
        <source>Agreement per label (Krippendorff&apos;s alpha)</source>
        <translation>الاتفاق لكل وسم (ألفا كريبندورف)</translation>
    </message>
    <message>
        <source>Spans added per day, by analyst</source>
        <translation>المقاطع المضافة يوميًا، حسب المحلل</translation>
    </message>
    <message>
        <source>Most frequent actors and places</source>
        <translation>أكثر الفاعلين والأماكن تكرارًا</translation>
    </message>
    <message>
        <source>Reading the corpus…</source>
        <translation>جارٍ قراءة المدوّنة…</translation>
    </message>
    <message>
        <source>Read the numbers again</source>
        <translation>قراءة الأرقام من جديد</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(بلا اسم)</translation>
    </message>
    <message>
        <source>Cannot read the statistics</source>
        <translation>تعذّرت قراءة الإحصاءات</translation>
    </message>
    <message numerus="yes">
        <source>{documents} documents, {spans} spans, %n analyst(s)</source>
        <translation>
            <numerusform>{documents} وثيقة، {spans} مقطع، {documents} وثيقة، {spans} مقطع، لا محللين</numerusform>
            <numerusform>{documents} وثيقة، {spans} مقطع، محلل واحد</numerusform>
            <numerusform>{documents} وثيقة، {spans} مقطع، محللان</numerusform>
            <numerusform>{documents} وثيقة، {spans} مقطع، %n محللين</numerusform>
            <numerusform>{documents} وثيقة، {spans} مقطع، %n محللًا</numerusform>
            <numerusform>{documents} وثيقة، {spans} مقطع، %n محلل</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <extracomment>set by :func:`application_arguments`: the application was made with Fusion already, so the style need not be asked for (wrapping a QStyle costs PySide several milliseconds at start) The interface&apos;s own signals, each a (light scheme, dark scheme) hue. They are used only through :func:`signal_color` and the helpers below it, which shift a hue until it reads where it is drawn, on the palette in use: never as they stand.</extracomment>
        <translation>ال&amp;مظهر</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;النظام</translation>
    </message>
    <message>
        <source>Light or dark as the desktop is set, following it when it changes</source>
        <translation>فاتح أو داكن بحسب إعداد سطح المكتب، ويتبعه إذا تغيّر</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;فاتح</translation>
    </message>
    <message>
        <source>Dark text on a light page</source>
        <translation>نص داكن على صفحة فاتحة</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;داكن</translation>
    </message>
    <message>
        <source>Light text on a dark page</source>
        <translation>نص فاتح على صفحة داكنة</translation>
    </message>
    <message>
        <source>Unicode code points, end exclusive</source>
        <extracomment>each format&apos;s offset unit (as the formats say it) in the interface&apos;s words</extracomment>
        <translation>نقاط رموز يونيكود، والنهاية غير مشمولة</translation>
    </message>
    <message>
        <source>UTF-16 code units, end exclusive (doccano&apos;s default)</source>
        <translation>وحدات ترميز UTF-16، والنهاية غير مشمولة (افتراضي doccano)</translation>
    </message>
    <message>
        <source>tokens (IOB2); character offsets are not carried</source>
        <translation>كلمات (IOB2)؛ لا تُنقل إزاحات الأحرف</translation>
    </message>
    <message>
        <source>tokens (one line per sentence, ner_tags index &lt;out&gt;.labels.json); character offsets are not carried</source>
        <translation>كلمات (سطر لكل جملة، و ner_tags فهرس في ‎&lt;out&gt;.labels.json)؛ لا تُنقل إزاحات الأحرف</translation>
    </message>
    <message>
        <source>spaCy tokens; Span.start_char/end_char are code points over doc.text, which is the stored text</source>
        <translation>كلمات spaCy؛ و Span.start_char/end_char نقاط رموز في doc.text، وهو النص المخزَّن</translation>
    </message>
    <message>
        <source>Hashiya databases ({patterns});;All files (*)</source>
        <translation>قواعد بيانات حاشية ({patterns});;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Indexing for search</source>
        <extracomment>how long after the window opens the index starts catching up (after the first paint)</extracomment>
        <translation>الفهرسة للبحث</translation>
    </message>
    <message>
        <source>New documents are being indexed; the corpus search lists them when it is done.</source>
        <translation>تجري فهرسة الوثائق الجديدة؛ ويعرضها البحث في المدوّنة عند انتهائها.</translation>
    </message>
    <message>
        <source>An in-memory database cannot be shared with a worker.</source>
        <translation>لا يمكن مشاركة قاعدة بيانات في الذاكرة مع عامل في الخلفية.</translation>
    </message>
    <message>
        <source>Another import or export is still running; try again when it ends.</source>
        <translation>ثمة استيراد أو تصدير آخر جارٍ؛ أعد المحاولة عند انتهائه.</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>جارٍ الاستيراد</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation>أُلغي الاستيراد؛ لم يُستورد شيء.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>لم يُستورد شيء.</translation>
    </message>
    <message>
        <source>; {n} already here, skipped</source>
        <translation>؛ تُخطيت {n} موجودة من قبل</translation>
    </message>
    <message>
        <source>; new labels {names}</source>
        <translation>؛ وسوم جديدة {names}</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n document(s) with {spans}{skipped}{added}.</source>
        <translation>
            <numerusform>استُوردت %n وثيقة فيها {spans}{skipped}{added}.</numerusform>
            <numerusform>استُوردت وثيقة واحدة فيها {spans}{skipped}{added}.</numerusform>
            <numerusform>استُوردت وثيقتان فيها {spans}{skipped}{added}.</numerusform>
            <numerusform>استُوردت %n وثائق فيها {spans}{skipped}{added}.</numerusform>
            <numerusform>استُوردت %n وثيقة فيها {spans}{skipped}{added}.</numerusform>
            <numerusform>استُوردت %n وثيقة فيها {spans}{skipped}{added}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading labels</source>
        <translation>قراءة الوسوم</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>جارٍ التصدير</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب أي ملف.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>No file was written.</source>
        <translation>لم يُكتب أي ملف.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) ({spans}) to {file}; offsets in {unit}</source>
        <translation>
            <numerusform>صُدّرت %n وثيقة ({spans}) إلى {file}؛ الإزاحات بوحدة: {unit}</numerusform>
            <numerusform>صُدّرت وثيقة واحدة ({spans}) إلى {file}؛ الإزاحات بوحدة: {unit}</numerusform>
            <numerusform>صُدّرت وثيقتان ({spans}) إلى {file}؛ الإزاحات بوحدة: {unit}</numerusform>
            <numerusform>صُدّرت %n وثائق ({spans}) إلى {file}؛ الإزاحات بوحدة: {unit}</numerusform>
            <numerusform>صُدّرت %n وثيقة ({spans}) إلى {file}؛ الإزاحات بوحدة: {unit}</numerusform>
            <numerusform>صُدّرت %n وثيقة ({spans}) إلى {file}؛ الإزاحات بوحدة: {unit}</numerusform>
        </translation>
    </message>
    <message>
        <source>Merging</source>
        <translation>جارٍ الدمج</translation>
    </message>
    <message>
        <source>Merge cancelled; nothing was merged.</source>
        <translation>أُلغي الدمج؛ لم يُدمج شيء.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>دمج</translation>
    </message>
    <message>
        <source>Nothing was merged.</source>
        <translation>لم يُدمج شيء.</translation>
    </message>
    <message numerus="yes">
        <source>; %n document(s) kept a status that differs</source>
        <translation>
            <numerusform>؛ احتفظت %n وثيقة بحالة مختلفة</numerusform>
            <numerusform>؛ احتفظت وثيقة واحدة بحالة مختلفة</numerusform>
            <numerusform>؛ احتفظت وثيقتان بحالة مختلفة</numerusform>
            <numerusform>؛ احتفظت %n وثائق بحالة مختلفة</numerusform>
            <numerusform>؛ احتفظت %n وثيقة بحالة مختلفة</numerusform>
            <numerusform>؛ احتفظت %n وثيقة بحالة مختلفة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %n database(s): {documents} added, {matched} matched, {spans} and {relations} added{differ}{added}.</source>
        <translation>
            <numerusform>دُمجت %n قاعدة بيانات: أُضيفت {documents}، وطوبقت {matched}، وأُضيف {spans} و{relations}{differ}{added}.</numerusform>
            <numerusform>دُمجت قاعدة بيانات واحدة: أُضيفت {documents}، وطوبقت {matched}، وأُضيف {spans} و{relations}{differ}{added}.</numerusform>
            <numerusform>دُمجت قاعدتا بيانات: أُضيفت {documents}، وطوبقت {matched}، وأُضيف {spans} و{relations}{differ}{added}.</numerusform>
            <numerusform>دُمجت %n قواعد بيانات: أُضيفت {documents}، وطوبقت {matched}، وأُضيف {spans} و{relations}{differ}{added}.</numerusform>
            <numerusform>دُمجت %n قاعدة بيانات: أُضيفت {documents}، وطوبقت {matched}، وأُضيف {spans} و{relations}{differ}{added}.</numerusform>
            <numerusform>دُمجت %n قاعدة بيانات: أُضيفت {documents}، وطوبقت {matched}، وأُضيف {spans} و{relations}{differ}{added}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Label schema</source>
        <translation>مخطط الوسوم</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>New label name, e.g. ORG</source>
        <translation>اسم وسم جديد، مثل ORG</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>إ&amp;ضافة</translation>
    </message>
    <message>
        <source>Add a label with the name typed beside</source>
        <translation>إضافة وسم بالاسم المكتوب بجانبه</translation>
    </message>
    <message>
        <source>Add &amp;sub-type</source>
        <translation>إضافة نوع &amp;فرعي</translation>
    </message>
    <message>
        <source>Add the name typed beside as a sub-type of the selected label (ACTOR: person, …)</source>
        <translation>إضافة الاسم المكتوب بجانبه نوعًا فرعيًا للوسم المحدد (ACTOR: شخص، …)</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>إعادة ت&amp;سمية</translation>
    </message>
    <message>
        <source>Rename the label: its spans in every document follow</source>
        <translation>إعادة تسمية الوسم: تتبعه مقاطعه في كل الوثائق</translation>
    </message>
    <message>
        <source>&amp;Colour…</source>
        <translation>ال&amp;لون…</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>لأ&amp;على</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>لأ&amp;سفل</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;حذف…</translation>
    </message>
    <message>
        <source>Delete the label and its spans (undo brings them back)</source>
        <translation>حذف الوسم ومقاطعه (التراجع يعيدها)</translation>
    </message>
    <message>
        <source>Double-click a name, key, title or description to change it. Each change is one step Ctrl+Z undoes.</source>
        <translation>انقر نقرًا مزدوجًا على اسم أو مفتاح أو عنوان أو وصف لتغييره. كل تغيير خطوة واحدة يتراجع عنها Ctrl+Z.</translation>
    </message>
    <message>
        <source>New role name, e.g. time</source>
        <translation>اسم دور جديد، مثل time</translation>
    </message>
    <message>
        <source>Add &amp;role</source>
        <translation>إضافة &amp;دور</translation>
    </message>
    <message>
        <source>Delete ro&amp;le</source>
        <translation>حذف ال&amp;دور</translation>
    </message>
    <message>
        <source>Links already made in it keep its name</source>
        <translation>الروابط المنشأة به تحتفظ باسمه</translation>
    </message>
    <message>
        <source>Labels this role may point to (none checked: any label; a label&apos;s sub-types fit too):</source>
        <translation>الوسوم التي يجوز أن يشير إليها هذا الدور (بلا تحديد: أي وسم؛ وتصلح الأنواع الفرعية للوسم أيضًا):</translation>
    </message>
    <message>
        <source>No description yet: double-click to write the guideline.</source>
        <translation>لا وصف بعد: انقر نقرًا مزدوجًا لكتابة الإرشاد.</translation>
    </message>
    <message>
        <source>EVENT keeps its name: events are linked from EVENT spans</source>
        <translation>يحتفظ EVENT باسمه: الأحداث تُربط من مقاطع EVENT</translation>
    </message>
    <message>
        <source>Type the new label&apos;s name first.</source>
        <translation>اكتب اسم الوسم الجديد أولًا.</translation>
    </message>
    <message>
        <source>Select the label it belongs to and type the sub-type&apos;s name.</source>
        <translation>حدّد الوسم الذي ينتمي إليه واكتب اسم النوع الفرعي.</translation>
    </message>
    <message>
        <source>Colour of {name}</source>
        <translation>لون {name}</translation>
    </message>
    <message>
        <source>up</source>
        <translation>لأعلى</translation>
    </message>
    <message>
        <source>down</source>
        <translation>لأسفل</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>لا وثائق</numerusform>
            <numerusform>وثيقة واحدة</numerusform>
            <numerusform>وثيقتان</numerusform>
            <numerusform>%n وثائق</numerusform>
            <numerusform>%n وثيقة</numerusform>
            <numerusform>%n وثيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete {name} and its %n span(s) in {documents}?</source>
        <translation>
            <numerusform>أتحذف {name} وأتحذف {name} (لا مقاطع له) في {documents}؟ له في {documents}؟</numerusform>
            <numerusform>أتحذف {name} ومقطع واحد له في {documents}؟</numerusform>
            <numerusform>أتحذف {name} ومقطعان له في {documents}؟</numerusform>
            <numerusform>أتحذف {name} و%n مقاطع له في {documents}؟</numerusform>
            <numerusform>أتحذف {name} و%n مقطعًا له في {documents}؟</numerusform>
            <numerusform>أتحذف {name} و%n مقطع له في {documents}؟</numerusform>
        </translation>
    </message>
    <message>
        <source>Every analyst&apos;s spans of it go, with their links. Undo (Ctrl+Z) brings them back.</source>
        <translation>تُحذف مقاطعه لدى كل المحللين مع روابطها. والتراجع (Ctrl+Z) يعيدها.</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>أتحذف {name}؟</translation>
    </message>
    <message>
        <source>The role {roles} takes only {name}: without it, it takes any label.</source>
        <translation>الدور {roles} لا يأخذ إلا {name}: فإن حُذف صار يأخذ أي وسم.</translation>
    </message>
    <message>
        <source>Delete label</source>
        <translation>حذف الوسم</translation>
    </message>
    <message>
        <source>A label&apos;s key is a digit from 1 to 9 (empty: no key).</source>
        <translation>مفتاح الوسم رقم من 1 إلى 9 (فارغ: بلا مفتاح).</translation>
    </message>
    <message>
        <source>{key} is already the key of “{action}”; choose another letter.</source>
        <translation>{key} هو مفتاح «{action}» من قبل؛ اختر حرفًا آخر.</translation>
    </message>
    <message>
        <source>Type the new role&apos;s name first.</source>
        <translation>اكتب اسم الدور الجديد أولًا.</translation>
    </message>
    <message numerus="yes">
        <source>Delete the role {name}? %n link(s) in it keep their role name, which the schema will no longer list.</source>
        <translation>
            <numerusform>أتحذف الدور {name}؟ لا روابط به، ولن يعود المخطط يذكره.</numerusform>
            <numerusform>أتحذف الدور {name}؟ سيحتفظ رابط واحد به باسم الدور، ولن يعود المخطط يذكره.</numerusform>
            <numerusform>أتحذف الدور {name}؟ سيحتفظ رابطان به باسم الدور، ولن يعود المخطط يذكره.</numerusform>
            <numerusform>أتحذف الدور {name}؟ سيحتفظ %n روابط به باسم الدور، ولن يعود المخطط يذكره.</numerusform>
            <numerusform>أتحذف الدور {name}؟ سيحتفظ %n رابطًا به باسم الدور، ولن يعود المخطط يذكره.</numerusform>
            <numerusform>أتحذف الدور {name}؟ سيحتفظ %n رابط به باسم الدور، ولن يعود المخطط يذكره.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation>حذف الدور</translation>
    </message>
    <message numerus="yes">
        <source>%n relation(s)</source>
        <translation>
            <numerusform>لا روابط</numerusform>
            <numerusform>رابط واحد</numerusform>
            <numerusform>رابطان</numerusform>
            <numerusform>%n روابط</numerusform>
            <numerusform>%n رابطًا</numerusform>
            <numerusform>%n رابط</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the search index: {why}</source>
        <translation>تعذّرت قراءة فهرس البحث: {why}</translation>
    </message>
    <message>
        <source>The search index was not brought up to date: {why}</source>
        <translation>لم يُحدَّث فهرس البحث: {why}</translation>
    </message>
    <message>
        <source>Searching as soon as the new documents are indexed…</source>
        <translation>سيجري البحث حالما تُفهرس الوثائق الجديدة…</translation>
    </message>
    <message>
        <source>add as a new label</source>
        <translation>إضافته وسمًا جديدًا</translation>
    </message>
    <message>
        <source>expand: widen to the whole token</source>
        <translation>expand: التوسيع إلى الكلمة كاملة</translation>
    </message>
    <message>
        <source>split: cut the token at the span edge</source>
        <translation>split: قطع الكلمة عند حد المقطع</translation>
    </message>
    <message>
        <source>strict: drop the span</source>
        <translation>strict: إسقاط المقطع</translation>
    </message>
    <message>
        <source>Import options</source>
        <translation>خيارات الاستيراد</translation>
    </message>
    <message>
        <source>detect from the files</source>
        <translation>اكتشاف من الملفات</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <source>CoNLL tags</source>
        <translation>وسوم CoNLL</translation>
    </message>
    <message>
        <source>CSV text column</source>
        <translation>عمود النص في CSV</translation>
    </message>
    <message>
        <source>Rename labels</source>
        <translation>إعادة تسمية الوسوم</translation>
    </message>
    <message>
        <source>Create labels this project does not have yet</source>
        <translation>إنشاء الوسوم التي لا يملكها هذا المشروع بعد</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>الحفظ في</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>gold where reviewed, else every analyst&apos;s</source>
        <translation>الذهبية حيث رُوجعت، وإلا فمقاطع كل المحللين</translation>
    </message>
    <message>
        <source>every analyst&apos;s</source>
        <translation>مقاطع كل المحللين</translation>
    </message>
    <message>
        <source>{name}&apos;s only</source>
        <translation>مقاطع {name} فقط</translation>
    </message>
    <message>
        <source>Whose spans: a document with a gold layer (settled in review) gives it by default</source>
        <translation>مقاطع من: الوثيقة ذات الطبقة الذهبية (المحسومة في المراجعة) تعطيها افتراضيًا</translation>
    </message>
    <message>
        <source>A span edge inside a token (a clitic such as بموسكو): widen to the token, cut the token, or drop the span. Token formats only.</source>
        <translation>حدّ مقطع داخل كلمة (سابقة متصلة مثل بموسكو): توسيع إلى الكلمة، أو قطع الكلمة، أو إسقاط المقطع. لصيغ الكلمات فقط.</translation>
    </message>
    <message>
        <source>Span inside a token</source>
        <translation>مقطع داخل كلمة</translation>
    </message>
    <message>
        <source>Offsets</source>
        <translation>الإزاحات</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>التصدير إلى</translation>
    </message>
    <message>
        <source>Labels this project does not have</source>
        <translation>وسوم لا يملكها هذا المشروع</translation>
    </message>
    <message>
        <source>The files use labels this project does not have yet. Choose, for each, a label to use instead, or add it to the project.</source>
        <translation>تستخدم الملفات وسومًا لا يملكها هذا المشروع بعد. اختر لكل منها وسمًا يحلّ محله، أو أضفه إلى المشروع.</translation>
    </message>
    <message>
        <source>use {label}</source>
        <translation>استخدام {label}</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>إعادة المحاولة الآن</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>تجاهل</translation>
    </message>
    <message numerus="yes">
        <source> and %n more edit(s)</source>
        <translation>
            <numerusform> و%n تعديل أخرى</numerusform>
            <numerusform> وتعديل واحد أخرى</numerusform>
            <numerusform> وتعديلان أخرى</numerusform>
            <numerusform> و%n تعديلات أخرى</numerusform>
            <numerusform> و%n تعديلًا أخرى</numerusform>
            <numerusform> و%n تعديل أخرى</numerusform>
        </translation>
    </message>
    <message>
        <source>Trying again every second…</source>
        <translation>تُعاد المحاولة كل ثانية…</translation>
    </message>
    <message>
        <source>Retry once the problem is solved, or discard.</source>
        <translation>أعد المحاولة بعد حل المشكلة، أو تجاهل التعديل.</translation>
    </message>
    <message>
        <source>Not saved yet: {edit}{more}. {why}. {then}</source>
        <translation>لم يُحفظ بعد: {edit}{more}. {why}. {then}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <extracomment>What runs in the worker: the store is the worker&apos;s own connection. Progress reaches the GUI at most this often (seconds), and always on the last step. The progress dialog appears only for work that lasts longer than this (milliseconds).</extracomment>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <source>the task stopped without a result</source>
        <translation>توقفت المهمة دون نتيجة</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>الأدوار</translation>
    </message>
    <message>
        <source>any label</source>
        <translation>أي وسم</translation>
    </message>
    <message>
        <source>Points to: {labels}</source>
        <translation>يشير إلى: {labels}</translation>
    </message>
    <message>
        <source>Sub-types: {names}</source>
        <translation>الأنواع الفرعية: {names}</translation>
    </message>
    <message>
        <source>No guideline yet (Document → Schema… to write one).</source>
        <translation>لا إرشاد بعد (وثيقة ← مخطط الوسوم… لكتابته).</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>الإرشادات</translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation>الإ&amp;رشادات</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>الروابط</translation>
    </message>
    <message>
        <source>{role} of</source>
        <translation>{role} لـ</translation>
    </message>
    <message>
        <source>{role} of {event}</source>
        <translation>{role} {event}</translation>
    </message>
    <message>
        <source>{label} {start}–{end} by {who}</source>
        <translation>{label} {start}–{end} من {who}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>ملاحظة: {note}</translation>
    </message>
    <message>
        <source>tag {label} {text}</source>
        <translation>وسم {text} بـ {label}</translation>
    </message>
    <message numerus="yes">
        <source>tag %n × {label} {text}</source>
        <translation>
            <numerusform>وسم %n × {text} بـ {label}</numerusform>
            <numerusform>وسم %n × {text} بـ {label}</numerusform>
            <numerusform>وسم %n × {text} بـ {label}</numerusform>
            <numerusform>وسم %n × {text} بـ {label}</numerusform>
            <numerusform>وسم %n × {text} بـ {label}</numerusform>
            <numerusform>وسم %n × {text} بـ {label}</numerusform>
        </translation>
    </message>
    <message>
        <source>delete {label} {text}</source>
        <translation>حذف {label} {text}</translation>
    </message>
    <message>
        <source>relabel {text} as {label}</source>
        <translation>تغيير وسم {text} إلى {label}</translation>
    </message>
    <message>
        <source>resize span to {text}</source>
        <translation>تغيير حدود المقطع إلى {text}</translation>
    </message>
    <message>
        <source>link {argument} as {role} of {event}</source>
        <translation>ربط {argument} بصفته {role} لـ {event}</translation>
    </message>
    <message>
        <source>unlink argument</source>
        <translation>فك ربط الطرف</translation>
    </message>
    <message>
        <source>mark new</source>
        <translation>وضع علامة «جديدة»</translation>
    </message>
    <message>
        <source>mark in progress</source>
        <translation>وضع علامة «قيد العمل»</translation>
    </message>
    <message>
        <source>mark done</source>
        <translation>وضع علامة «منجزة»</translation>
    </message>
    <message>
        <source>mark skipped</source>
        <translation>وضع علامة «متخطاة»</translation>
    </message>
    <message numerus="yes">
        <source>relabel %n span(s){what} as {label}</source>
        <translation>
            <numerusform>تغيير وسم %n مقطع{what} إلى {label}</numerusform>
            <numerusform>تغيير وسم مقطع واحد{what} إلى {label}</numerusform>
            <numerusform>تغيير وسم مقطعين{what} إلى {label}</numerusform>
            <numerusform>تغيير وسم %n مقاطع{what} إلى {label}</numerusform>
            <numerusform>تغيير وسم %n مقطعًا{what} إلى {label}</numerusform>
            <numerusform>تغيير وسم %n مقطع{what} إلى {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>delete %n span(s){what}</source>
        <translation>
            <numerusform>حذف %n مقطع{what}</numerusform>
            <numerusform>حذف مقطع واحد{what}</numerusform>
            <numerusform>حذف مقطعين{what}</numerusform>
            <numerusform>حذف %n مقاطع{what}</numerusform>
            <numerusform>حذف %n مقطعًا{what}</numerusform>
            <numerusform>حذف %n مقطع{what}</numerusform>
        </translation>
    </message>
    <message>
        <source>accept {item} into gold</source>
        <translation>قبول {item} في الطبقة الذهبية</translation>
    </message>
    <message numerus="yes">
        <source>accept %n item(s) into gold</source>
        <translation>
            <numerusform>قبول %n عنصر في الطبقة الذهبية</numerusform>
            <numerusform>قبول عنصر واحد في الطبقة الذهبية</numerusform>
            <numerusform>قبول عنصرين في الطبقة الذهبية</numerusform>
            <numerusform>قبول %n عناصر في الطبقة الذهبية</numerusform>
            <numerusform>قبول %n عنصرًا في الطبقة الذهبية</numerusform>
            <numerusform>قبول %n عنصر في الطبقة الذهبية</numerusform>
        </translation>
    </message>
    <message>
        <source>reject {item}</source>
        <translation>رفض {item}</translation>
    </message>
    <message numerus="yes">
        <source>reject %n item(s)</source>
        <translation>
            <numerusform>رفض %n عنصر</numerusform>
            <numerusform>رفض عنصر واحد</numerusform>
            <numerusform>رفض عنصرين</numerusform>
            <numerusform>رفض %n عناصر</numerusform>
            <numerusform>رفض %n عنصرًا</numerusform>
            <numerusform>رفض %n عنصر</numerusform>
        </translation>
    </message>
    <message>
        <source>mark reviewed</source>
        <translation>وضع علامة «رُوجعت»</translation>
    </message>
    <message>
        <source>mark not reviewed</source>
        <translation>إزالة علامة «رُوجعت»</translation>
    </message>
    <message>
        <source>note on span</source>
        <translation>ملاحظة على المقطع</translation>
    </message>
    <message>
        <source>clear span note</source>
        <translation>مسح ملاحظة المقطع</translation>
    </message>
    <message>
        <source>note on document</source>
        <translation>ملاحظة على الوثيقة</translation>
    </message>
    <message>
        <source>clear document note</source>
        <translation>مسح ملاحظة الوثيقة</translation>
    </message>
    <message>
        <source>add sub-type {name} of {parent}</source>
        <translation>إضافة النوع الفرعي {name} إلى {parent}</translation>
    </message>
    <message>
        <source>add label {name}</source>
        <translation>إضافة الوسم {name}</translation>
    </message>
    <message>
        <source>change label {name}</source>
        <translation>تعديل الوسم {name}</translation>
    </message>
    <message>
        <source>rename label {old} to {new}</source>
        <translation>إعادة تسمية الوسم {old} إلى {new}</translation>
    </message>
    <message>
        <source>move label {name}</source>
        <translation>نقل الوسم {name}</translation>
    </message>
    <message>
        <source>reorder labels</source>
        <translation>إعادة ترتيب الوسوم</translation>
    </message>
    <message>
        <source>delete label {name}</source>
        <translation>حذف الوسم {name}</translation>
    </message>
    <message>
        <source>change roles</source>
        <translation>تعديل الأدوار</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <extracomment>where the interface&apos;s translations live (shipped in the package: see pyproject.toml) the languages the interface speaks: code -&gt; its own name (a language is listed in itself)</extracomment>
        <translation>، </translation>
    </message>
    <message>
        <source>Edit note…</source>
        <translation>تعديل الملاحظة…</translation>
    </message>
    <message>
        <source>Click to edit the note on this document.</source>
        <translation>انقر لتعديل الملاحظة على هذه الوثيقة.</translation>
    </message>
    <message>
        <source>a note is text</source>
        <extracomment>One- and two-letter searches scan this many folded copies before asking the trigram index; a search within a status of at most :data:`SCAN_STATUS` documents scans that status&apos;s copies. A document&apos;s list row: id, ext id, title, status and span count, over documents ``d``. A filter&apos;s &quot;status&quot; that lists an analyst&apos;s queue instead: ``QUEUE + name`` (see :func:`queue_of`). a LIMIT that keeps every row (SQLite reads a negative one so, PostgreSQL refuses it)</extracomment>
        <translation>يجب أن تكون الملاحظة نصًا</translation>
    </message>
    <message>
        <source>the note holds a lone UTF-16 surrogate (U+{code}) at character {position}</source>
        <translation>في الملاحظة بديل UTF-16 منفرد (U+{code}) عند المحرف {position}</translation>
    </message>
    <message>
        <source>the note holds a control character (U+{code}) at character {position}</source>
        <translation>في الملاحظة محرف تحكم (U+{code}) عند المحرف {position}</translation>
    </message>
    <message>
        <source>a label needs a name</source>
        <extracomment>the colour of a label added without one, and those given in turn to labels read without one</extracomment>
        <translation>لا بد للوسم من اسم</translation>
    </message>
    <message>
        <source>label name {name} holds a non-printable character (U+{code})</source>
        <translation>في اسم الوسم {name} محرف غير قابل للطباعة (U+{code})</translation>
    </message>
    <message>
        <source>label name {name} starts or ends with a space</source>
        <translation>اسم الوسم {name} يبدأ بمسافة أو ينتهي بها</translation>
    </message>
    <message>
        <source>label {name} holds a space; brat types and CoNLL tags cannot: try {better}</source>
        <translation>في الوسم {name} مسافة، وأنواع brat ووسوم CoNLL لا تقبلها: جرّب {better}</translation>
    </message>
    <message>
        <source>a label name has at most {limit} characters</source>
        <translation>لا يتجاوز اسم الوسم {limit} محرفًا</translation>
    </message>
    <message>
        <source>a label&apos;s colour is written {pattern}, not {color}</source>
        <translation>يُكتب لون الوسم بالصيغة {pattern}، لا {color}</translation>
    </message>
    <message>
        <source>a role needs a name</source>
        <translation>لا بد للدور من اسم</translation>
    </message>
    <message>
        <source>role name {name} must be printable and hold no spaces</source>
        <translation>يجب أن يكون اسم الدور {name} قابلًا للطباعة وخاليًا من المسافات</translation>
    </message>
    <message>
        <source>a role name has at most {limit} characters</source>
        <translation>لا يتجاوز اسم الدور {limit} محرفًا</translation>
    </message>
    <message>
        <source>a role&apos;s key is one letter A–Z, not {key}</source>
        <translation>مفتاح الدور حرف واحد من A إلى Z، لا {key}</translation>
    </message>
    <message>
        <source>the title is text</source>
        <extracomment>what :func:`_check_text` says of a field: (not text, holds an unstorable character), whole sentences so that a translation need not put an English field name into its own words</extracomment>
        <translation>يجب أن يكون العنوان نصًا</translation>
    </message>
    <message>
        <source>the title holds a control character or lone surrogate (U+{code})</source>
        <translation>في العنوان محرف تحكم أو بديل منفرد (U+{code})</translation>
    </message>
    <message>
        <source>the description is text</source>
        <translation>يجب أن يكون الوصف نصًا</translation>
    </message>
    <message>
        <source>the description holds a control character or lone surrogate (U+{code})</source>
        <translation>في الوصف محرف تحكم أو بديل منفرد (U+{code})</translation>
    </message>
    <message>
        <source>no label {name}</source>
        <extracomment>the SQL the connection speaks underneath (PostgreSQL&apos;s is translated, see :mod:`model.pg`)</extracomment>
        <translation>لا يوجد وسم {name}</translation>
    </message>
    <message>
        <source>a label&apos;s key is a digit from 1 to 9, not {key}</source>
        <translation>مفتاح الوسم رقم من 1 إلى 9، لا {key}</translation>
    </message>
    <message>
        <source>key {key} is already {name}&apos;s</source>
        <translation>المفتاح {key} للوسم {name} من قبل</translation>
    </message>
    <message>
        <source>{name} cannot be a sub-type of itself</source>
        <translation>لا يكون {name} نوعًا فرعيًا من نفسه</translation>
    </message>
    <message>
        <source>{event} has no sub-types: links start at {event} spans only</source>
        <translation>لا أنواع فرعية لـ {event}: الروابط تبدأ من مقاطع {event} وحدها</translation>
    </message>
    <message>
        <source>{event} cannot be a sub-type: events are linked from {event} spans</source>
        <translation>لا يكون {event} نوعًا فرعيًا: الأحداث تُربط من مقاطع {event}</translation>
    </message>
    <message>
        <source>no label {parent} to be the parent of {name}</source>
        <translation>لا يوجد وسم {parent} ليكون أصلًا لـ {name}</translation>
    </message>
    <message>
        <source>{parent} is itself a sub-type (of {grandparent}); sub-types have no sub-types</source>
        <translation>{parent} نفسه نوع فرعي (من {grandparent})، ولا أنواع فرعية للأنواع الفرعية</translation>
    </message>
    <message>
        <source>{name} has sub-types ({children}), so it cannot be one itself</source>
        <translation>لـ {name} أنواع فرعية ({children})، فلا يكون هو نفسه نوعًا فرعيًا</translation>
    </message>
    <message>
        <source>there is a label {name} already</source>
        <translation>يوجد وسم {name} من قبل</translation>
    </message>
    <message>
        <source>{event} cannot be renamed: events are linked from {event} spans</source>
        <translation>لا يمكن تغيير اسم {event}: الأحداث تُربط من مقاطع {event}</translation>
    </message>
    <message>
        <source>{event} is the label of events; choose another name</source>
        <translation>{event} هو وسم الأحداث، فاختر اسمًا آخر</translation>
    </message>
    <message>
        <source>a new order must name every label once</source>
        <translation>يجب أن يذكر الترتيب الجديد كل وسم مرة واحدة</translation>
    </message>
    <message>
        <source>{event} cannot be deleted: events are linked from {event} spans</source>
        <translation>لا يمكن حذف {event}: الأحداث تُربط من مقاطع {event}</translation>
    </message>
    <message>
        <source>{name} has sub-types ({children}): delete them or move them first</source>
        <translation>لـ {name} أنواع فرعية ({children}): احذفها أو انقلها أولًا</translation>
    </message>
    <message>
        <source>{name} has {spans} in {documents} now; it stays (Document → Schema… deletes it with them)</source>
        <translation>لـ {name} الآن {spans} في {documents}، فيبقى (الوثيقة ← مخطط الوسوم… يحذفه معها)</translation>
    </message>
    <message>
        <source>only a lead may delete other analysts&apos; {name} spans</source>
        <translation>لا يحذف مقاطع {name} التي وسمها محللون آخرون إلا المشرف</translation>
    </message>
    <message>
        <source>two roles cannot have the same name</source>
        <translation>لا يحمل دوران الاسم نفسه</translation>
    </message>
    <message>
        <source>two roles cannot have the same key ({key})</source>
        <translation>لا يكون لدورين المفتاح نفسه ({key})</translation>
    </message>
    <message>
        <source>role {role} names no label {label}</source>
        <translation>يذكر الدور {role} وسمًا غير موجود: {label}</translation>
    </message>
    <message>
        <source>unknown status {status}</source>
        <translation>حالة غير معروفة: {status}</translation>
    </message>
    <message>
        <source>no document {id}</source>
        <translation>لا توجد وثيقة {id}</translation>
    </message>
    <message>
        <source>no span {id}</source>
        <translation>لا يوجد مقطع {id}</translation>
    </message>
    <message>
        <source>unknown label {label}</source>
        <translation>وسم غير معروف: {label}</translation>
    </message>
    <message>
        <source>{text} is already tagged {label}</source>
        <translation>{text} موسوم بـ {label} من قبل</translation>
    </message>
    <message>
        <source>an empty range cannot be tagged</source>
        <translation>لا يمكن وسم نطاق فارغ</translation>
    </message>
    <message>
        <source>{start}–{end} lies outside the text ({size})</source>
        <translation>النطاق {start}–{end} خارج النص ({size})</translation>
    </message>
    <message>
        <source>the range from {text} runs past the end of the text ({size})</source>
        <translation>النطاق من {text} يتجاوز نهاية النص ({size})</translation>
    </message>
    <message>
        <source>the range from {text} runs past the start of the text ({size})</source>
        <translation>النطاق من {text} يتجاوز بداية النص ({size})</translation>
    </message>
    <message>
        <source>an event and its argument must be in the same document</source>
        <translation>يجب أن يكون الحدث وطرفه في الوثيقة نفسها</translation>
    </message>
    <message>
        <source>a span cannot be its own argument</source>
        <translation>لا يكون المقطع طرفًا لنفسه</translation>
    </message>
    <message>
        <source>already linked as {role}</source>
        <translation>مربوط من قبل بصفته {role}</translation>
    </message>
    <message>
        <source>no relation {id}</source>
        <translation>لا يوجد ربط {id}</translation>
    </message>
    <message>
        <source>only the analyst who made a span may write its note</source>
        <translation>لا يكتب ملاحظة المقطع إلا المحلل الذي أنشأه</translation>
    </message>
</context>
</TS>
