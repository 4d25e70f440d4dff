//! Graph exports of the claim graph: `graph.graphml` (Gephi, Cytoscape,
//! yEd) and `graph.dot` (Graphviz).

use super::ReportFile;
use crate::model::ClaimId;
use crate::reconcile::graph::{self, ClaimGraph, EdgeKind, Node};
use crate::reconcile::Relation;
use crate::Analysis;
use petgraph::visit::EdgeRef;
use std::fmt::{self, Write as _};
use std::io::{self, Write};
use std::marker::PhantomData;
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
    let mut line = Vec::new();
    for node in graph.graph.node_weights() {
        line.clear();
        line.extend_from_slice(b"    <node id=\"");
        push_id::<Xml>(&mut line, node);
        line.extend_from_slice(b"\"><data key=\"d0\">");
        line.extend_from_slice(node.kind().as_bytes());
        line.extend_from_slice(b"</data><data key=\"d1\">");
        push_label::<Xml>(&mut line, node);
        line.extend_from_slice(b"</data><data key=\"d2\">");
        push_detail::<Xml>(&mut line, node);
        line.extend_from_slice(b"</data></node>\n");
        out.write_all(&line)?;
    }
    for (n, edge) in graph.graph.edge_references().enumerate() {
        let e = edge.weight();
        line.clear();
        line.extend_from_slice(b"    <edge id=\"e");
        line.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        line.extend_from_slice(b"\" source=\"");
        push_id::<Xml>(&mut line, &graph.graph[edge.source()]);
        line.extend_from_slice(b"\" target=\"");
        push_id::<Xml>(&mut line, &graph.graph[edge.target()]);
        line.extend_from_slice(b"\"><data key=\"d3\">");
        line.extend_from_slice(e.relation.as_str().as_bytes());
        line.extend_from_slice(b"</data><data key=\"d4\">");
        push_escaped::<Xml>(&mut line, graph.reason(e));
        line.extend_from_slice(b"</data><data key=\"d5\">");
        push_weight(&mut line, e.weight);
        line.extend_from_slice(b"</data></edge>\n");
        out.write_all(&line)?;
    }
    out.write_all(b"  </graph>\n</graphml>\n")
}

/// Graphviz DOT; relations between claims are drawn without arrows.
pub fn dot(graph: &ClaimGraph<'_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"digraph crosscheck {\n  node [fontsize=10];\n")?;
    let mut line = Vec::new();
    for node in graph.graph.node_weights() {
        let shape = match node {
            Node::Document { .. } => "box",
            Node::Entity { .. } => "ellipse",
            Node::Name(_) => "plaintext",
            Node::Claim { .. } => "note",
        };
        line.clear();
        line.extend_from_slice(b"  \"");
        push_id::<Dot>(&mut line, node);
        line.extend_from_slice(b"\" [label=\"");
        push_label::<Dot>(&mut line, node);
        line.extend_from_slice(b"\", shape=");
        line.extend_from_slice(shape.as_bytes());
        line.extend_from_slice(b"];\n");
        out.write_all(&line)?;
    }
    for edge in graph.graph.edge_references() {
        let e = edge.weight();
        let style = match e.relation {
            EdgeKind::Link(Relation::Conflicts) => ", color=red, dir=none",
            EdgeKind::Link(Relation::Agrees) => ", color=darkgreen, dir=none",
            EdgeKind::Link(Relation::Compatible) => ", color=darkgreen, style=dashed, dir=none",
            EdgeKind::SameAs | EdgeKind::SharesPassages => ", style=dotted, dir=none",
            _ => "",
        };
        line.clear();
        line.extend_from_slice(b"  \"");
        push_id::<Dot>(&mut line, &graph.graph[edge.source()]);
        line.extend_from_slice(b"\" -> \"");
        push_id::<Dot>(&mut line, &graph.graph[edge.target()]);
        line.extend_from_slice(b"\" [label=\"");
        line.extend_from_slice(e.relation.as_str().as_bytes());
        line.extend_from_slice(b"\"");
        line.extend_from_slice(style.as_bytes());
        line.extend_from_slice(b"];\n");
        out.write_all(&line)?;
    }
    out.write_all(b"}\n")
}

/// Text written into a line, each piece escaped as it comes. Escaping works
/// character by character, so the pieces escape as the whole text would:
/// every edge writes the ids of both its ends, and building them as
/// Strings first was most of the cost of the graph files.
struct Escaping<'l, E> {
    line: &'l mut Vec<u8>,
    format: PhantomData<E>,
}

impl<E: Escape> fmt::Write for Escaping<'_, E> {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        push_escaped::<E>(self.line, piece);
        Ok(())
    }
}

/// Writes escaped text into a line.
fn escaping<E: Escape>(line: &mut Vec<u8>) -> Escaping<'_, E> {
    Escaping {
        line,
        format: PhantomData,
    }
}

// Writing into a Vec cannot fail: the results below are always Ok.

/// A node's id ([`Node::id`]), escaped: only the text piece can need it.
fn push_id<E: Escape>(line: &mut Vec<u8>, node: &Node) {
    let (prefix, text, claim) = node.id_pieces();
    line.extend_from_slice(prefix.as_bytes());
    push_escaped::<E>(line, text);
    if let Some(index) = claim {
        line.extend_from_slice(ClaimId::SEPARATOR.as_bytes());
        line.extend_from_slice(itoa::Buffer::new().format(index).as_bytes());
    }
}

/// A node's label ([`Node::label`]), escaped.
fn push_label<E: Escape>(line: &mut Vec<u8>, node: &Node) {
    let _ = node.write_label(&mut escaping::<E>(line));
}

/// What else a node carries, escaped: outlet, entity type, claim kind and id.
fn push_detail<E: Escape>(line: &mut Vec<u8>, node: &Node) {
    let out = &mut escaping::<E>(line);
    let _ = match node {
        Node::Document { outlet, .. } => out.write_str(outlet),
        Node::Entity {
            id, entity_type, ..
        } => write!(out, "{entity_type} {id}"),
        Node::Name(_) => Ok(()),
        Node::Claim {
            doc_id,
            index,
            kind,
            ..
        } => write!(out, "{kind} {}", ClaimId(doc_id, *index)),
    };
}

/// An edge weight as `{}` displays it. Most weights are counts, written
/// as integers without the float formatting machinery: a whole number
/// below 10^15 displays as its digits.
fn push_weight(line: &mut Vec<u8>, weight: f64) {
    if weight > 0.0 && weight < 1e15 && weight.fract() == 0.0 {
        // Exact: a whole number below 2^53.
        let whole = weight as u64;
        line.extend_from_slice(itoa::Buffer::new().format(whole).as_bytes());
    } else {
        // Writing into a Vec cannot fail.
        let _ = write!(line, "{weight}");
    }
}

/// The text escaping of an export format.
trait Escape {
    /// Bytes that may start a character written otherwise: only these are
    /// passed to [`Escape::escape`].
    const SPECIAL: [bool; 256];

    /// How the character that starts `rest` is written: `None` as it is,
    /// `Some((replacement, length))` replaces its first `length` bytes.
    /// Only ever asked at the start of a character.
    fn escape(rest: &[u8]) -> Option<(&'static str, usize)>;
}

/// A table of [`Escape::SPECIAL`] bytes: those listed, and the ASCII
/// controls (which both formats escape or drop).
const fn special(listed: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    let mut n = 0;
    while n < listed.len() {
        table[listed[n] as usize] = true;
        n += 1;
    }
    table
}

/// XML text and attribute escaping; characters XML 1.0 forbids (controls
/// but tab and line breaks, U+FFFE and U+FFFF) are dropped.
struct Xml;

impl Escape for Xml {
    const SPECIAL: [bool; 256] = special(b"&<>\"'\xEF");

    fn escape(rest: &[u8]) -> Option<(&'static str, usize)> {
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
}

/// A DOT quoted string's content: backslashes and quotes escaped, line
/// breaks as `\n`, other control characters (carriage returns, tabs, C1
/// controls) dropped.
struct Dot;

impl Escape for Dot {
    const SPECIAL: [bool; 256] = special(b"\\\"\x7F\xC2");

    fn escape(rest: &[u8]) -> Option<(&'static str, usize)> {
        match rest {
            [b'\\', ..] => Some(("\\\\", 1)),
            [b'"', ..] => Some(("\\\"", 1)),
            [b'\n', ..] => Some(("\\n", 1)),
            [0..=0x1F | 0x7F, ..] => Some(("", 1)),
            [0xC2, 0x80..=0x9F, ..] => Some(("", 2)),
            _ => None,
        }
    }
}

/// Appends `text` escaped: the runs between escaped characters are copied
/// as they are, in one go, and nothing is decoded.
fn push_escaped<E: Escape>(line: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let (mut plain, mut at) = (0, 0);
    while let Some(offset) = bytes[at..].iter().position(|&b| E::SPECIAL[usize::from(b)]) {
        at += offset;
        match E::escape(&bytes[at..]) {
            None => at += 1,
            Some((replacement, length)) => {
                line.extend_from_slice(&bytes[plain..at]);
                line.extend_from_slice(replacement.as_bytes());
                at += length;
                plain = at;
            }
        }
    }
    line.extend_from_slice(&bytes[plain..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::graph::Edge;

    fn sample() -> ClaimGraph<'static> {
        let mut g = ClaimGraph::default();
        let a = g.graph.add_node(Node::Document {
            doc_id: "d<1>",
            outlet: "A & \"B\"",
        });
        let b = g.graph.add_node(Node::Name("O'Brien \\ \u{1}x\ny"));
        let reason = g.add_reason("<script>");
        g.graph.add_edge(
            a,
            b,
            Edge {
                weight: 2.0,
                reason,
                relation: EdgeKind::Mentions,
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

    fn pushed(push: impl Fn(&mut Vec<u8>)) -> String {
        let mut line = Vec::new();
        push(&mut line);
        String::from_utf8(line).unwrap()
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

    /// Checks a node's texts written in pieces against the whole texts
    /// escaped.
    fn check_node_texts<E: Escape>(node: &Node, reference: fn(&str) -> String) {
        assert_eq!(
            pushed(|line| push_id::<E>(line, node)),
            reference(&node.id())
        );
        assert_eq!(
            pushed(|line| push_label::<E>(line, node)),
            reference(&node.label())
        );
        assert_eq!(
            pushed(|line| push_detail::<E>(line, node)),
            reference(&reference_detail(node))
        );
    }

    proptest::proptest! {
        #[test]
        fn byte_escapes_agree_with_char_escapes(text in "[ -~\\x00-\\x1f\\x7f\u{80}-\u{ff}\u{fffd}-\u{ffff}é“]{0,60}") {
            proptest::prop_assert_eq!(pushed(|line| push_escaped::<Xml>(line, &text)), reference_xml(&text));
            proptest::prop_assert_eq!(pushed(|line| push_escaped::<Dot>(line, &text)), reference_dot(&text));
        }

        #[test]
        fn node_texts_written_in_pieces_escape_as_a_whole(text in "[ -~\\x00-\\x1f\u{80}-\u{9f}\u{ffff}é]{0,100}") {
            for node in nodes(&text) {
                check_node_texts::<Xml>(&node, reference_xml);
                check_node_texts::<Dot>(&node, reference_dot);
            }
        }

        #[test]
        fn weights_are_written_as_displayed(weight in proptest::num::f64::ANY, count in 0u64..1 << 53) {
            for weight in [weight, count as f64, count as f64 / 8.0] {
                proptest::prop_assert_eq!(pushed(|line| push_weight(line, weight)), weight.to_string());
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
