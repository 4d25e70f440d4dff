//! Graph exports of the claim graph: `graph.graphml` (Gephi, Cytoscape,
//! yEd) and `graph.dot` (Graphviz).

use super::ReportFile;
use crate::reconcile::graph::{self, ClaimGraph, Node};
use crate::Analysis;
use petgraph::visit::EdgeRef;
use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

/// Node attributes declared in GraphML: (key id, name).
const NODE_KEYS: &[(&str, &str)] = &[("d0", "kind"), ("d1", "label"), ("d2", "detail")];
/// Edge attributes declared in GraphML.
const EDGE_KEYS: &[(&str, &str)] = &[("d3", "relation"), ("d4", "reason")];

/// Both graph files. They are written in parallel and share one graph,
/// built by whichever starts first.
pub(super) fn files(analysis: &Analysis) -> Vec<ReportFile<'_>> {
    let graph: Arc<OnceLock<ClaimGraph>> = Arc::default();
    let for_dot = Arc::clone(&graph);
    vec![
        ReportFile::text("graph.graphml", move |out| {
            graphml(built(&graph, analysis), out)
        }),
        ReportFile::text("graph.dot", move |out| dot(built(&for_dot, analysis), out)),
    ]
}

/// The claim graph of the analysis, built on first use.
fn built<'c, 'a>(
    graph: &'c OnceLock<ClaimGraph<'a>>,
    analysis: &'a Analysis,
) -> &'c ClaimGraph<'a> {
    graph.get_or_init(|| {
        graph::build(
            &analysis.docs,
            &analysis.resolution,
            &analysis.reconciliation,
        )
    })
}

/// GraphML with declared keys and escaped text.
pub fn graphml(graph: &ClaimGraph<'_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    out.write_all(b"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")?;
    for (id, name) in NODE_KEYS {
        writeln!(
            out,
            "  <key id=\"{id}\" for=\"node\" attr.name=\"{name}\" attr.type=\"string\"/>"
        )?;
    }
    for (id, name) in EDGE_KEYS {
        writeln!(
            out,
            "  <key id=\"{id}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"string\"/>"
        )?;
    }
    out.write_all(b"  <key id=\"d5\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n")?;
    out.write_all(b"  <graph id=\"crosscheck\" edgedefault=\"directed\">\n")?;
    for node in graph.node_weights() {
        out.write_all(b"    <node id=\"")?;
        write_id(out, node, xml)?;
        out.write_all(b"\"><data key=\"d0\">")?;
        out.write_all(node.kind().as_bytes())?;
        out.write_all(b"</data><data key=\"d1\">")?;
        write_label(out, node, xml)?;
        out.write_all(b"</data><data key=\"d2\">")?;
        write_detail(out, node, xml)?;
        out.write_all(b"</data></node>\n")?;
    }
    for (n, edge) in graph.edge_references().enumerate() {
        let e = edge.weight();
        out.write_all(b"    <edge id=\"e")?;
        out.write_all(itoa::Buffer::new().format(n).as_bytes())?;
        out.write_all(b"\" source=\"")?;
        write_id(out, &graph[edge.source()], xml)?;
        out.write_all(b"\" target=\"")?;
        write_id(out, &graph[edge.target()], xml)?;
        out.write_all(b"\"><data key=\"d3\">")?;
        out.write_all(e.relation.as_bytes())?;
        out.write_all(b"</data><data key=\"d4\">")?;
        write_escaped(out, e.reason, xml)?;
        writeln!(out, "</data><data key=\"d5\">{}</data></edge>", e.weight)?;
    }
    out.write_all(b"  </graph>\n</graphml>\n")
}

/// Graphviz DOT; relations between claims are drawn without arrows.
pub fn dot(graph: &ClaimGraph<'_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"digraph crosscheck {\n  node [fontsize=10];\n")?;
    for node in graph.node_weights() {
        let shape = match node {
            Node::Document { .. } => "box",
            Node::Entity { .. } => "ellipse",
            Node::Name(_) => "plaintext",
            Node::Claim { .. } => "note",
        };
        out.write_all(b"  \"")?;
        write_id(out, node, dot_quoted)?;
        out.write_all(b"\" [label=\"")?;
        write_label(out, node, dot_quoted)?;
        out.write_all(b"\", shape=")?;
        out.write_all(shape.as_bytes())?;
        out.write_all(b"];\n")?;
    }
    for edge in graph.edge_references() {
        let e = edge.weight();
        let style = match e.relation {
            "conflicts" => ", color=red, dir=none",
            "agrees" => ", color=darkgreen, dir=none",
            "compatible" => ", color=darkgreen, style=dashed, dir=none",
            "same-as" | "shares-passages" => ", style=dotted, dir=none",
            _ => "",
        };
        out.write_all(b"  \"")?;
        write_id(out, &graph[edge.source()], dot_quoted)?;
        out.write_all(b"\" -> \"")?;
        write_id(out, &graph[edge.target()], dot_quoted)?;
        out.write_all(b"\" [label=\"")?;
        out.write_all(e.relation.as_bytes())?;
        out.write_all(b"\"")?;
        out.write_all(style.as_bytes())?;
        out.write_all(b"];\n")?;
    }
    out.write_all(b"}\n")
}

/// A node's id ([`Node::id`]), escaped. Written piece by piece (escaping
/// works character by character, so the pieces escape as the whole would):
/// every edge writes the ids of both its ends, and building them as
/// Strings was most of the cost of the graph files.
fn write_id(out: &mut dyn Write, node: &Node, escape: Escape) -> io::Result<()> {
    match node {
        Node::Document { doc_id, .. } => {
            out.write_all(b"doc:")?;
            write_escaped(out, doc_id, escape)
        }
        Node::Entity { id, .. } => {
            out.write_all(b"entity:")?;
            write_escaped(out, id, escape)
        }
        Node::Name(name) => {
            out.write_all(b"name:")?;
            write_escaped(out, name, escape)
        }
        Node::Claim { doc_id, index, .. } => {
            out.write_all(b"claim:")?;
            write_claim_id(out, doc_id, *index, escape)
        }
    }
}

/// A node's label ([`Node::label`]), escaped, piece by piece.
fn write_label(out: &mut dyn Write, node: &Node, escape: Escape) -> io::Result<()> {
    match node {
        Node::Document { doc_id, outlet } if outlet != doc_id => {
            write_escaped(out, outlet, escape)?;
            out.write_all(b" (")?;
            write_escaped(out, doc_id, escape)?;
            out.write_all(b")")
        }
        Node::Document { doc_id, .. } => write_escaped(out, doc_id, escape),
        Node::Entity { name, .. } | Node::Name(name) => write_escaped(out, name, escape),
        Node::Claim { text, .. } => {
            let end = text
                .char_indices()
                .nth(LABEL_CHARS)
                .map_or(text.len(), |(at, _)| at);
            write_escaped(out, &text[..end], escape)
        }
    }
}

/// Characters of a claim's text in its label, as [`Node::label`] cuts it.
const LABEL_CHARS: usize = 80;

/// What else a node carries, escaped: outlet, entity type, claim kind and id.
fn write_detail(out: &mut dyn Write, node: &Node, escape: Escape) -> io::Result<()> {
    match node {
        Node::Document { outlet, .. } => write_escaped(out, outlet, escape),
        Node::Entity {
            id, entity_type, ..
        } => {
            write_escaped(out, entity_type, escape)?;
            out.write_all(b" ")?;
            write_escaped(out, id, escape)
        }
        Node::Name(_) => Ok(()),
        Node::Claim {
            doc_id,
            index,
            kind,
            ..
        } => {
            write_escaped(out, kind, escape)?;
            out.write_all(b" ")?;
            write_claim_id(out, doc_id, *index, escape)
        }
    }
}

/// A claim id ([`crate::model::claim_id`]), escaped.
fn write_claim_id(
    out: &mut dyn Write,
    doc_id: &str,
    index: usize,
    escape: Escape,
) -> io::Result<()> {
    write_escaped(out, doc_id, escape)?;
    out.write_all(b":c")?;
    out.write_all(itoa::Buffer::new().format(index).as_bytes())
}

/// How an export escapes the character that starts `rest`: `None` keeps
/// it, `Some((replacement, length))` replaces its first `length` bytes.
/// Only ever called at the start of a character.
type Escape = fn(&[u8]) -> Option<(&'static str, usize)>;

/// Writes `text` escaped: the runs between escaped characters are written
/// as they are, in one go, and nothing is decoded.
fn write_escaped(out: &mut dyn Write, text: &str, escape: Escape) -> io::Result<()> {
    let bytes = text.as_bytes();
    let (mut plain, mut at) = (0, 0);
    while at < bytes.len() {
        match escape(&bytes[at..]) {
            None => at += 1,
            Some((replacement, length)) => {
                out.write_all(&bytes[plain..at])?;
                out.write_all(replacement.as_bytes())?;
                at += length;
                plain = at;
            }
        }
    }
    out.write_all(&bytes[plain..])
}

/// XML text and attribute escaping; characters XML 1.0 forbids (controls
/// but tab and line breaks, U+FFFE and U+FFFF) are dropped.
fn xml(rest: &[u8]) -> Option<(&'static str, usize)> {
    match rest {
        [b'&', ..] => Some(("&amp;", 1)),
        [b'<', ..] => Some(("&lt;", 1)),
        [b'>', ..] => Some(("&gt;", 1)),
        [b'"', ..] => Some(("&quot;", 1)),
        [b'\'', ..] => Some(("&apos;", 1)),
        [b'\t' | b'\n' | b'\r', ..] => None,
        [0..=0x1F, ..] => Some(("", 1)),
        [0xEF, 0xBF, 0xBE | 0xBF, ..] => Some(("", 3)),
        _ => None,
    }
}

/// A DOT quoted string's content: backslashes and quotes escaped, line
/// breaks as `\n`, other control characters (carriage returns, tabs, C1
/// controls) dropped.
fn dot_quoted(rest: &[u8]) -> Option<(&'static str, usize)> {
    match rest {
        [b'\\', ..] => Some(("\\\\", 1)),
        [b'"', ..] => Some(("\\\"", 1)),
        [b'\n', ..] => Some(("\\n", 1)),
        [0..=0x1F | 0x7F, ..] => Some(("", 1)),
        [0xC2, 0x80..=0x9F, ..] => Some(("", 2)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::graph::Edge;

    fn sample() -> ClaimGraph<'static> {
        let mut g = ClaimGraph::new();
        let a = g.add_node(Node::Document {
            doc_id: "d<1>",
            outlet: "A & \"B\"",
        });
        let b = g.add_node(Node::Name("O'Brien \\ \u{1}x\ny"));
        g.add_edge(
            a,
            b,
            Edge {
                relation: "mentions",
                reason: "<script>",
                weight: 2.0,
            },
        );
        g
    }

    fn written(write: fn(&ClaimGraph<'_>, &mut dyn Write) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&sample(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn graphml_escapes_and_declares_keys() {
        let text = written(graphml);
        assert!(text.contains("id=\"doc:d&lt;1&gt;\""));
        assert!(text.contains("A &amp; &quot;B&quot;"));
        assert!(text.contains("&lt;script&gt;"));
        assert!(!text.contains('\u{1}'));
        for key in ["d0", "d1", "d2", "d3", "d4", "d5"] {
            assert!(text.contains(&format!("<key id=\"{key}\"")), "{key}");
        }
    }

    /// The escapes as defined character by character, to check the byte
    /// scans against.
    fn reference_xml(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                '\t' | '\n' | '\r' => out.push(c),
                c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
                c => out.push(c),
            }
        }
        out
    }

    fn reference_dot(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '\n' => out.push_str("\\n"),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out
    }

    fn escaped(write: impl Fn(&mut dyn Write) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Each kind of node, its texts made of `text`.
    fn nodes(text: &str) -> Vec<Node<'_>> {
        vec![
            Node::Document {
                doc_id: text,
                outlet: text,
            },
            Node::Document {
                doc_id: text,
                outlet: "Outlet & Co",
            },
            Node::Entity {
                id: text,
                name: text,
                entity_type: "person",
            },
            Node::Name(text),
            Node::Claim {
                doc_id: text,
                index: 17,
                kind: "quantity",
                text,
            },
        ]
    }

    /// [`write_detail`]'s text, as it was built before it was written
    /// piece by piece.
    fn reference_detail(node: &Node) -> String {
        match node {
            Node::Document { outlet, .. } => outlet.to_string(),
            Node::Entity {
                id, entity_type, ..
            } => format!("{entity_type} {id}"),
            Node::Name(_) => String::new(),
            Node::Claim {
                doc_id,
                index,
                kind,
                ..
            } => {
                format!("{kind} {}", crate::model::claim_id(doc_id, *index))
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_escapes_agree_with_char_escapes(text in "[ -~\\x00-\\x1f\\x7f\u{80}-\u{ff}\u{fffd}-\u{ffff}é“]{0,60}") {
            proptest::prop_assert_eq!(escaped(|out| write_escaped(out, &text, xml)), reference_xml(&text));
            proptest::prop_assert_eq!(escaped(|out| write_escaped(out, &text, dot_quoted)), reference_dot(&text));
        }

        #[test]
        fn node_texts_written_in_pieces_escape_as_a_whole(text in "[ -~\\x00-\\x1f\u{80}-\u{9f}\u{ffff}é]{0,100}") {
            for node in nodes(&text) {
                for (escape, reference) in [(xml as Escape, reference_xml as fn(&str) -> String), (dot_quoted, reference_dot)] {
                    proptest::prop_assert_eq!(escaped(|out| write_id(out, &node, escape)), reference(&node.id()));
                    proptest::prop_assert_eq!(escaped(|out| write_label(out, &node, escape)), reference(&node.label()));
                    proptest::prop_assert_eq!(escaped(|out| write_detail(out, &node, escape)), reference(&reference_detail(&node)));
                }
            }
        }
    }

    #[test]
    fn dot_escapes_quotes_and_backslashes() {
        let text = written(dot);
        assert!(text.contains("A & \\\"B\\\" (d<1>)"));
        assert!(text.contains("O'Brien \\\\ x\\ny"));
    }
}
