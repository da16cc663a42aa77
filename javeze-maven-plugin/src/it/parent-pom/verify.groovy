// The pom-packaging module was skipped by every goal; javeze:help lists every parameter with a description and its
// javeze.* property; the plugin descriptor (what help:describe reads) says the same.
def log = new File(basedir, "build.log").text
for (goal in ["build", "deploy", "remove", "deploy-function"]) {
    assert log.contains("Skipping javeze:" + goal + " because packaging is 'pom'") : goal + " skipped the parent"
}
assert log.contains("javeze:deploy-function") && log.contains("User property: javeze.memory") : "javeze:help -Ddetail"

import javax.xml.parsers.DocumentBuilderFactory
import org.w3c.dom.Element

def children = { Element e, String tag -> e.getChildNodes().findAll { it instanceof Element && it.tagName == tag } }
def text = { Element e, String tag -> def c = children(e, tag); c ? c[0].textContent.trim() : "" }
def doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, "../../classes/META-INF/maven/plugin.xml"))
def missing = []
int checked = 0
children(children(doc.documentElement, "mojos")[0], "mojo").each { Element mojo ->
    def goal = text(mojo, "goal")
    if (goal == "help") return
    def expressions = [:]
    children(mojo, "configuration").each { c -> c.getChildNodes().findAll { it instanceof Element }.each { expressions[it.tagName] = it.textContent.trim() } }
    children(children(mojo, "parameters")[0], "parameter").findAll { text(it, "editable") == "true" }.each { Element p ->
        def name = text(p, "name")
        def description = text(p, "description")
        checked++
        if (!description) missing << "${goal}.${name}: no description"
        // env and tags are maps, which Maven cannot set from a property: their description names the javeze.* form
        if (!(expressions[name] ?: "").startsWith('${javeze.') && !description.contains("javeze.${name}=")) {
            missing << "${goal}.${name}: no javeze.* property"
        }
    }
}
assert checked > 40 : "read the parameters of every goal, got " + checked
assert missing.isEmpty() : missing.join("\n")
return true
