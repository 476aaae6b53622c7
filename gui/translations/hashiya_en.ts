<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>%n analyst(s) ({names}); {documents} documents annotated by two or more, {tokens} tokens. Krippendorff&apos;s alpha {alpha} ({alphas}).</source>
        <translation>
            <numerusform>%n analyst ({names}); {documents} documents annotated by two or more, {tokens} tokens. Krippendorff&apos;s alpha {alpha} ({alphas}).</numerusform>
            <numerusform>%n analysts ({names}); {documents} documents annotated by two or more, {tokens} tokens. Krippendorff&apos;s alpha {alpha} ({alphas}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disagreement(s)</source>
        <translation>
            <numerusform>%n disagreement</numerusform>
            <numerusform>%n disagreements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At most %n character(s).</source>
        <translation>
            <numerusform>At most %n character.</numerusform>
            <numerusform>At most %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Assigned %n document(s): {added} new ({given}), {already} already assigned.</source>
        <translation>
            <numerusform>Assigned %n document: {added} new ({given}), {already} already assigned.</numerusform>
            <numerusform>Assigned %n documents: {added} new ({given}), {already} already assigned.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n span</numerusform>
            <numerusform>%n spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) already tagged {label}</source>
        <translation>
            <numerusform>%n match already tagged {label}</numerusform>
            <numerusform>%n matches already tagged {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) tagged with another label (relabel those one by one)</source>
        <translation>
            <numerusform>%n match tagged with another label (relabel those one by one)</numerusform>
            <numerusform>%n matches tagged with another label (relabel those one by one)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %n match(es) as {label}:</source>
        <translation>
            <numerusform>Tag %n match as {label}:</numerusform>
            <numerusform>Tag %n matches as {label}:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tag %n</source>
        <translation>
            <numerusform>Tag %n</numerusform>
            <numerusform>Tag %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Filter: {query} — %n of {total}</source>
        <translation>
            <numerusform>Filter: {query} — %n of {total}</numerusform>
            <numerusform>Filter: {query} — %n of {total}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s), nearest first; type to filter</source>
        <translation>
            <numerusform>%n candidate, nearest first; type to filter</numerusform>
            <numerusform>%n candidates, nearest first; type to filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) match.</source>
        <translation>
            <numerusform>%n document matches.</numerusform>
            <numerusform>%n documents match.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More than %n documents match.</source>
        <translation>
            <numerusform>More than %n documents match.</numerusform>
            <numerusform>More than %n documents match.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tagged in %n document(s); no span in {untagged} of the first {read} containing it</source>
        <translation>
            <numerusform>tagged in %n document; no span in {untagged} of the first {read} containing it</numerusform>
            <numerusform>tagged in %n documents; no span in {untagged} of the first {read} containing it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} {label} span(s)</source>
        <translation>
            <numerusform>{count} {label} span</numerusform>
            <numerusform>{count} {label} spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More than {count} {label} spans</source>
        <translation>
            <numerusform>More than {count} {label} spans</numerusform>
            <numerusform>More than {count} {label} spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left out %n span(s) of other analysts.</source>
        <translation>
            <numerusform>Left out %n span of other analysts.</numerusform>
            <numerusform>Left out %n spans of other analysts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Review: %n difference(s) left</source>
        <translation>
            <numerusform>Review: %n difference left</numerusform>
            <numerusform>Review: %n differences left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n analyst(s)</source>
        <translation>
            <numerusform>%n analyst</numerusform>
            <numerusform>%n analysts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{documents} documents, {spans} spans, %n analyst(s)</source>
        <translation>
            <numerusform>{documents} documents, {spans} spans, %n analyst</numerusform>
            <numerusform>{documents} documents, {spans} spans, %n analysts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n document(s) with {spans}{skipped}{added}.</source>
        <translation>
            <numerusform>Imported %n document with {spans}{skipped}{added}.</numerusform>
            <numerusform>Imported %n documents with {spans}{skipped}{added}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) ({spans}) to {file}; offsets in {unit}</source>
        <translation>
            <numerusform>Exported %n document ({spans}) to {file}; offsets in {unit}</numerusform>
            <numerusform>Exported %n documents ({spans}) to {file}; offsets in {unit}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n document(s) kept a status that differs</source>
        <translation>
            <numerusform>; %n document kept a status that differs</numerusform>
            <numerusform>; %n documents kept a status that differs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %n database(s): {documents} added, {matched} matched, {spans} and {relations} added{differ}{added}.</source>
        <translation>
            <numerusform>Merged %n database: {documents} added, {matched} matched, {spans} and {relations} added{differ}{added}.</numerusform>
            <numerusform>Merged %n databases: {documents} added, {matched} matched, {spans} and {relations} added{differ}{added}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete {name} and its %n span(s) in {documents}?</source>
        <translation>
            <numerusform>Delete {name} and its %n span in {documents}?</numerusform>
            <numerusform>Delete {name} and its %n spans in {documents}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the role {name}? %n link(s) in it keep their role name, which the schema will no longer list.</source>
        <translation>
            <numerusform>Delete the role {name}? %n link in it keeps its role name, which the schema will no longer list.</numerusform>
            <numerusform>Delete the role {name}? %n links in it keep their role name, which the schema will no longer list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n relation(s)</source>
        <translation>
            <numerusform>%n relation</numerusform>
            <numerusform>%n relations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more edit(s)</source>
        <translation>
            <numerusform> and %n more edit</numerusform>
            <numerusform> and %n more edits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tag %n × {label} {text}</source>
        <translation>
            <numerusform>tag %n × {label} {text}</numerusform>
            <numerusform>tag %n × {label} {text}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>relabel %n span(s){what} as {label}</source>
        <translation>
            <numerusform>relabel %n span{what} as {label}</numerusform>
            <numerusform>relabel %n spans{what} as {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>delete %n span(s){what}</source>
        <translation>
            <numerusform>delete %n span{what}</numerusform>
            <numerusform>delete %n spans{what}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>accept %n item(s) into gold</source>
        <translation>
            <numerusform>accept %n item into gold</numerusform>
            <numerusform>accept %n items into gold</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>reject %n item(s)</source>
        <translation>
            <numerusform>reject %n item</numerusform>
            <numerusform>reject %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Farther (%n)</source>
        <translation>
            <numerusform>Farther (%n)</numerusform>
            <numerusform>Farther (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n unsaved edit(s).</source>
        <translation>
            <numerusform>Discarded %n unsaved edit.</numerusform>
            <numerusform>Discarded %n unsaved edits.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{text} starts %n link(s): unlink them first, or they would start at {label}.</source>
        <translation>
            <numerusform>{text} starts %n link: unlink it first, or it would start at {label}.</numerusform>
            <numerusform>{text} starts %n links: unlink them first, or they would start at {label}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More than %n note(s)</source>
        <translation>
            <numerusform>More than %n note</numerusform>
            <numerusform>More than %n notes</numerusform>
        </translation>
    </message>
</context>
</TS>
