// The real-Jenkins suite copies this into JENKINS_HOME/init.groovy.d/ before boot (RealJenkins).
// Creates user 'admin' with the password in $MLOPS_SUITE_ADMIN_PASSWORD, lets anonymous users see
// nothing, writes one API token to JENKINS_HOME/admin-api-token.txt (mode 600), sets the Jenkins URL
// to $MLOPS_SUITE_URL (builds see JENKINS_URL) and gives the controller no executor: every build
// step runs on an agent, across remoting.
import hudson.security.FullControlOnceLoggedInAuthorizationStrategy
import hudson.security.HudsonPrivateSecurityRealm
import jenkins.model.Jenkins
import jenkins.model.JenkinsLocationConfiguration
import jenkins.security.ApiTokenProperty
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

def j = Jenkins.get()
def realm = j.securityRealm instanceof HudsonPrivateSecurityRealm ? j.securityRealm : new HudsonPrivateSecurityRealm(false)
if (realm.getUser('admin') == null) {
    realm.createAccount('admin', System.getenv('MLOPS_SUITE_ADMIN_PASSWORD'))
}
j.securityRealm = realm
def strategy = new FullControlOnceLoggedInAuthorizationStrategy()
strategy.allowAnonymousRead = false
j.authorizationStrategy = strategy
j.noUsageStatistics = true
j.numExecutors = 0
j.save()
def location = JenkinsLocationConfiguration.get()
location.url = System.getenv('MLOPS_SUITE_URL')
location.save()

def tokenFile = new File(j.rootDir, 'admin-api-token.txt')
if (!tokenFile.exists()) {
    def user = hudson.model.User.getById('admin', true)
    def token = user.getProperty(ApiTokenProperty).tokenStore.generateNewToken('mlops-jenkins-tests')
    user.save()
    def tmp = new File(j.rootDir, 'admin-api-token.txt.tmp')
    tmp.text = token.plainValue
    Files.setPosixFilePermissions(tmp.toPath(), PosixFilePermissions.fromString('rw-------'))
    tmp.renameTo(tokenFile)   // the suite waits for this file: it appears whole
}
println 'mlops-jenkins-tests: admin user and API token ready'
