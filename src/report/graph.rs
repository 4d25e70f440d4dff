//! Graph exports of the claim graph: `graph.graphml` (Gephi, Cytoscape,
//! yEd) and `graph.dot` (Graphviz).

use super::ReportFile;
use crate::model::claim_id;
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

/// What else a node carries: outlet, entity type, claim kind and id.
fn detail(node: &Node) -> String {
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
        } => format!("{kind} {}", claim_id(doc_id, *index)),
    }
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
        writeln!(
            out,
            "    <node id=\"{}\"><data key=\"d0\">{}</data><data key=\"d1\">{}</data><data key=\"d2\">{}</data></node>",
            xml(&node.id()),
            node.kind(),
            xml(&node.label()),
            xml(&detail(node))
        )?;
    }
    for (n, edge) in graph.edge_references().enumerate() {
        let (a, b) = (&graph[edge.source()], &graph[edge.target()]);
        let e = edge.weight();
        writeln!(
            out,
            "    <edge id=\"e{n}\" source=\"{}\" target=\"{}\"><data key=\"d3\">{}</data><data key=\"d4\">{}</data><data key=\"d5\">{}</data></edge>",
            xml(&a.id()),
            xml(&b.id()),
            e.relation,
            xml(e.reason),
            e.weight
        )?;
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
        writeln!(
            out,
            "  \"{}\" [label=\"{}\", shape={shape}];",
            quoted(&node.id()),
            quoted(&node.label())
        )?;
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
        writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\"{style}];",
            quoted(&graph[edge.source()].id()),
            quoted(&graph[edge.target()].id()),
            e.relation
        )?;
    }
    out.write_all(b"}\n")
}

/// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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

/// A DOT quoted string's content: backslashes and quotes escaped, line
/// breaks as `\n`.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
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

    #[test]
    fn dot_escapes_quotes_and_backslashes() {
        let text = written(dot);
        assert!(text.contains("A & \\\"B\\\" (d<1>)"));
        assert!(text.contains("O'Brien \\\\ x\\ny"));
    }
}
