import { EngineLoadProgress } from '../features/engine/EngineLoadProgress';
import { JobList } from '../features/jobs/JobList';
import { NotificationCenter } from '../features/notify/NotificationCenter';
import { ResultsPanel } from '../features/results/ResultsPanel';
import { SourcePanel } from '../features/source/SourcePanel';
import { SpecForm } from '../features/spec/SpecForm';

/** Composition only: the video on the left, the job form and the jobs on the right, the results below. */
export function App() {
  return (
    <div className="app">
      <header className="app__header">
        <h1>Snapframe</h1>
        <p>Exact video snapshots, made in your browser. Your video is never uploaded.</p>
      </header>
      <main className="app__main">
        <EngineLoadProgress />
        <div className="app__top">
          <SourcePanel />
          <div className="app__side">
            <SpecForm />
            <JobList />
          </div>
        </div>
        <ResultsPanel />
      </main>
      <NotificationCenter />
    </div>
  );
}
