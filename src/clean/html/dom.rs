//! An arena DOM for html5ever. Every node lives in one `Vec` and links to its relatives by index,
//! so building, walking and dropping a page is iterative whatever its depth: a 100,000-deep page
//! has no recursive `Drop` (unlike `Rc` trees) and no recursive walk. html5ever runs the WHATWG
//! tree-construction algorithm (implied tags, misnested formatting, foster parenting) and calls
//! the [`TreeSink`] methods below; we keep only what extraction needs (elements with their
//! attributes, and text).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use html5ever::buffer_queue::BufferQueue;
use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute, LocalName, Namespace, QualName, TokenizerResult};

/// Deepest nesting of elements passed to the tree builder. The WHATWG algorithm scans the stack
/// of open elements for most start tags ("has a `p` element in button scope"), so 100,000
/// nested `<div>`s cost 10^10 steps; browsers cap the depth the same way (Blink at 512) and put
/// deeper elements' content into the deepest allowed ancestor. Real pages nest below 100.
pub(crate) const MAX_TREE_DEPTH: usize = 512;

/// Sits between html5ever's tokenizer and tree builder and drops start tags (and their end
/// tags) beyond [`MAX_TREE_DEPTH`]; their text and children still arrive, one level up.
/// The depth is counted on tags whose end tag is required, so optional end tags (`<p>`,
/// `<li>`, `<td>`) cannot inflate it.
struct DepthGuard {
    inner: TreeBuilder<NodeId, Sink>,
    depth: Cell<usize>,
    /// Per tag name, how many start tags were dropped and still wait for their end tag.
    dropped: RefCell<HashMap<LocalName, usize>>,
}

/// Elements that never have content, or whose end tag may be omitted: not counted.
const UNCOUNTED_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc", "thead", "tbody", "tfoot",
    "colgroup", "caption", "html", "head", "body",
];

impl TokenSink for DepthGuard {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        if let Token::TagToken(tag) = &token {
            let counted = !tag.self_closing && !UNCOUNTED_TAGS.contains(&&*tag.name);
            if counted {
                match tag.kind {
                    TagKind::StartTag => {
                        if self.depth.get() >= MAX_TREE_DEPTH {
                            *self.dropped.borrow_mut().entry(tag.name.clone()).or_insert(0) += 1;
                            return TokenSinkResult::Continue;
                        }
                        self.depth.set(self.depth.get() + 1);
                    }
                    TagKind::EndTag => {
                        let mut dropped = self.dropped.borrow_mut();
                        if let Some(n) = dropped.get_mut(&tag.name).filter(|n| **n > 0) {
                            *n -= 1;
                            return TokenSinkResult::Continue;
                        }
                        drop(dropped);
                        self.depth.set(self.depth.get().saturating_sub(1));
                    }
                }
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Index of a node in [`Dom::nodes`]. The document node is 0.
pub(crate) type NodeId = usize;

/// The document node's id.
pub(crate) const DOCUMENT: NodeId = 0;

/// What a node is.
#[derive(Debug)]
pub(crate) enum NodeKind {
    Document,
    Element(Element),
    Text(String),
    /// Comments, processing instructions and template-content fragments: never visible.
    Other,
}

/// An element's name and attributes.
#[derive(Debug)]
pub(crate) struct Element {
    pub(crate) name: QualName,
    pub(crate) attrs: Vec<Attribute>,
    template_contents: Option<NodeId>,
}

impl Element {
    /// The local name (`div`, `p`); html5ever lower-cases HTML names.
    pub(crate) fn tag(&self) -> &str {
        &self.name.local
    }

    /// The value of an attribute (by local name), if present.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
    }
}

/// One node and its links.
#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) parent: Option<NodeId>,
    pub(crate) first_child: Option<NodeId>,
    last_child: Option<NodeId>,
    prev_sibling: Option<NodeId>,
    pub(crate) next_sibling: Option<NodeId>,
    pub(crate) kind: NodeKind,
}

impl Node {
    fn new(kind: NodeKind) -> Node {
        Node { parent: None, first_child: None, last_child: None, prev_sibling: None, next_sibling: None, kind }
    }
}

/// A parsed page.
#[derive(Debug)]
pub(crate) struct Dom {
    pub(crate) nodes: Vec<Node>,
}

impl Dom {
    /// Parses a page with the HTML5 algorithm. Never fails: HTML has no invalid input.
    pub(crate) fn parse(html: &str) -> Dom {
        let sink = Sink { nodes: RefCell::new(vec![Node::new(NodeKind::Document)]) };
        let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
        let guard = DepthGuard { inner: builder, depth: Cell::new(0), dropped: RefCell::new(HashMap::new()) };
        let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(html));
        // `Script` results only pause the tokenizer for script execution, which we skip.
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
        tokenizer.end();
        tokenizer.sink.inner.sink.finish()
    }

    pub(crate) fn element(&self, id: NodeId) -> Option<&Element> {
        match self.nodes.get(id).map(|n| &n.kind) {
            Some(NodeKind::Element(e)) => Some(e),
            _ => None,
        }
    }

    pub(crate) fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes.get(id).and_then(|n| n.parent)
    }

    /// The children of a node, in order.
    pub(crate) fn children(&self, id: NodeId) -> Children<'_> {
        Children { dom: self, next: self.nodes.get(id).and_then(|n| n.first_child) }
    }
}

/// Iterator over a node's children.
pub(crate) struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.nodes.get(id).and_then(|n| n.next_sibling);
        Some(id)
    }
}

/// html5ever's view of the arena while it parses. Handles are indices; the `RefCell` is never
/// borrowed across a call back into html5ever, so the borrows cannot conflict.
struct Sink {
    nodes: RefCell<Vec<Node>>,
}

/// An element name handed to html5ever. Owned (a cheap atom clone) so that no borrow of the
/// arena outlives the call.
#[derive(Debug)]
pub(crate) struct OwnedName(QualName);

impl ElemName for OwnedName {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl Sink {
    fn push(&self, kind: NodeKind) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(kind));
        nodes.len() - 1
    }

    /// Unlinks a node from its parent and siblings.
    fn detach(nodes: &mut [Node], id: NodeId) {
        let Some(node) = nodes.get(id) else { return };
        let (parent, prev, next) = (node.parent, node.prev_sibling, node.next_sibling);
        match prev {
            Some(p) => nodes[p].next_sibling = next,
            None => {
                if let Some(par) = parent {
                    nodes[par].first_child = next;
                }
            }
        }
        match next {
            Some(n) => nodes[n].prev_sibling = prev,
            None => {
                if let Some(par) = parent {
                    nodes[par].last_child = prev;
                }
            }
        }
        let node = &mut nodes[id];
        node.parent = None;
        node.prev_sibling = None;
        node.next_sibling = None;
    }

    fn append_child(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let last = nodes[parent].last_child;
        nodes[child].parent = Some(parent);
        nodes[child].prev_sibling = last;
        match last {
            Some(l) => nodes[l].next_sibling = Some(child),
            None => nodes[parent].first_child = Some(child),
        }
        nodes[parent].last_child = Some(child);
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let parent = nodes[sibling].parent;
        let prev = nodes[sibling].prev_sibling;
        nodes[child].parent = parent;
        nodes[child].prev_sibling = prev;
        nodes[child].next_sibling = Some(sibling);
        nodes[sibling].prev_sibling = Some(child);
        match prev {
            Some(p) => nodes[p].next_sibling = Some(child),
            None => {
                if let Some(par) = parent {
                    nodes[par].first_child = Some(child);
                }
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = OwnedName;

    fn finish(self) -> Dom {
        Dom { nodes: self.nodes.into_inner() }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> OwnedName {
        let nodes = self.nodes.borrow();
        match nodes.get(*target).map(|n| &n.kind) {
            Some(NodeKind::Element(e)) => OwnedName(e.name.clone()),
            // html5ever only asks for element names; an empty name matches no rule.
            _ => OwnedName(QualName::new(None, html5ever::ns!(), html5ever::local_name!(""))),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let template_contents = if flags.template { Some(self.push(NodeKind::Other)) } else { None };
        self.push(NodeKind::Element(Element { name, attrs, template_contents }))
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(NodeKind::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(NodeKind::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        let parent = *parent;
        if parent >= nodes.len() {
            return;
        }
        match child {
            NodeOrText::AppendNode(c) if c < nodes.len() && c != parent => Self::append_child(&mut nodes, parent, c),
            NodeOrText::AppendNode(_) => {}
            NodeOrText::AppendText(text) => {
                // Adjacent text nodes merge, as the DOM does.
                if let Some(last) = nodes[parent].last_child {
                    if let NodeKind::Text(t) = &mut nodes[last].kind {
                        t.push_str(&text);
                        return;
                    }
                }
                nodes.push(Node::new(NodeKind::Text(text.to_string())));
                let id = nodes.len() - 1;
                Self::append_child(&mut nodes, parent, id);
            }
        }
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        let has_parent = self.nodes.borrow().get(*element).is_some_and(|n| n.parent.is_some());
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let nodes = self.nodes.borrow();
        match nodes.get(*target).map(|n| &n.kind) {
            Some(NodeKind::Element(Element { template_contents: Some(c), .. })) => *c,
            // Only asked for templates, which always have contents; the element itself is a
            // harmless answer otherwise.
            _ => *target,
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        let sibling = *sibling;
        if sibling >= nodes.len() {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(c) if c < nodes.len() && c != sibling => Self::insert_before(&mut nodes, sibling, c),
            NodeOrText::AppendNode(_) => {}
            NodeOrText::AppendText(text) => {
                if let Some(prev) = nodes[sibling].prev_sibling {
                    if let NodeKind::Text(t) = &mut nodes[prev].kind {
                        t.push_str(&text);
                        return;
                    }
                }
                nodes.push(Node::new(NodeKind::Text(text.to_string())));
                let id = nodes.len() - 1;
                Self::insert_before(&mut nodes, sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Node { kind: NodeKind::Element(e), .. }) = nodes.get_mut(*target) {
            for a in attrs {
                if !e.attrs.iter().any(|b| b.name == a.name) {
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        if *target < nodes.len() {
            Self::detach(&mut nodes, *target);
        }
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        if *node >= nodes.len() || *new_parent >= nodes.len() || node == new_parent {
            return;
        }
        while let Some(child) = nodes[*node].first_child {
            Self::append_child(&mut nodes, *new_parent, child);
        }
    }
}
